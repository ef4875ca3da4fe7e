package io.nubis.offering;

import io.nubis.iam.Shareable;
import io.nubis.platform.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;

/** Disk offerings are shared with every account (the default) or with chosen ones. */
@ApplicationScoped
public class DiskOfferingShareable implements Shareable {

    @Override
    public String type() {
        return DiskOfferingService.TYPE;
    }

    @Override
    public Shared describe(String id) {
        DiskOffering o = find(id);
        return new Shared(o.name, o.shared);
    }

    @Override
    public void setSharedWithAll(String id, boolean all) {
        find(id).shared = all;
    }

    private static DiskOffering find(String id) {
        DiskOffering o = id == null ? null : DiskOffering.findById(id);
        if (o == null) {
            throw new NotFoundException(DiskOfferingService.TYPE, id);
        }
        return o;
    }
}
