package io.nubis.offering;

import io.nubis.iam.Shareable;
import io.nubis.platform.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;

/** Instance offerings are shared with every account (the default) or with chosen ones. */
@ApplicationScoped
public class InstanceOfferingShareable implements Shareable {

    @Override
    public String type() {
        return OfferingService.TYPE;
    }

    @Override
    public Shared describe(String id) {
        InstanceOffering o = find(id);
        return new Shared(o.name, o.shared);
    }

    @Override
    public void setSharedWithAll(String id, boolean all) {
        find(id).shared = all;
    }

    private static InstanceOffering find(String id) {
        InstanceOffering o = id == null ? null : InstanceOffering.findById(id);
        if (o == null) {
            throw new NotFoundException(OfferingService.TYPE, id);
        }
        return o;
    }
}
