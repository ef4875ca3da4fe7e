package io.nubis.network;

import io.nubis.iam.Shareable;
import io.nubis.platform.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;

/** Public L3 networks (admins') are shared with every account or with chosen ones. */
@ApplicationScoped
public class L3NetworkShareable implements Shareable {

    @Override
    public String type() {
        return L3NetworkService.TYPE;
    }

    @Override
    public Shared describe(String id) {
        L3Network n = find(id);
        return new Shared(n.name, n.shared);
    }

    @Override
    public void setSharedWithAll(String id, boolean all) {
        find(id).shared = all;
    }

    private static L3Network find(String id) {
        L3Network n = id == null ? null : L3Network.findById(id);
        if (n == null) {
            throw new NotFoundException(L3NetworkService.TYPE, id);
        }
        return n;
    }
}
