package io.nubis.network;

import io.nubis.driver.BridgeSpec;
import io.nubis.platform.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Reads network workflows need, each in its own short transaction. Not for controllers. */
@ApplicationScoped
class L2Lifecycle {

    @Transactional
    BridgeSpec bridge(String l2Id) {
        L2Network n = L2Network.findById(l2Id);
        if (n == null) {
            throw new NotFoundException(L2NetworkService.TYPE, l2Id);
        }
        return new BridgeSpec(n.bridgeName, n.physicalInterface);
    }
}
