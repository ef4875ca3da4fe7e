package io.nubis.network;

import io.nubis.platform.Text;
import io.nubis.platform.ConflictException;

/** A domain rule: NICs of an L3 network go only on hosts of clusters its L2 network is attached to. */
public class L2NotAttachedException extends ConflictException {

    public L2NotAttachedException(String l2Name, String clusterName) {
        super(Text.of(NetworkMessages.class, m -> m.error_l2_not_attached(l2Name, clusterName)));
    }
}
