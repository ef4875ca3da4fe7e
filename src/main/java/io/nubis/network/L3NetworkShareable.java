package io.nubis.network;

import io.nubis.iam.EntityShareable;
import jakarta.enterprise.context.ApplicationScoped;

/** Public L3 networks (admins') are shared with every account or with chosen ones. */
@ApplicationScoped
public class L3NetworkShareable extends EntityShareable<L3Network> {

    public L3NetworkShareable() {
        super(L3NetworkService.TYPE, L3Network.class, n -> n.name, n -> n.shared, (n, all) -> n.shared = all);
    }
}
