package io.nubis.offering;

import io.nubis.iam.EntityShareable;
import jakarta.enterprise.context.ApplicationScoped;

/** Disk offerings are shared with every account (the default) or with chosen ones. */
@ApplicationScoped
public class DiskOfferingShareable extends EntityShareable<DiskOffering> {

    public DiskOfferingShareable() {
        super(DiskOfferingService.TYPE, DiskOffering.class, o -> o.name, o -> o.shared, (o, all) -> o.shared = all);
    }
}
