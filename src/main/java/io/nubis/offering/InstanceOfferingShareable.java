package io.nubis.offering;

import io.nubis.iam.EntityShareable;
import jakarta.enterprise.context.ApplicationScoped;

/** Instance offerings are shared with every account (the default) or with chosen ones. */
@ApplicationScoped
public class InstanceOfferingShareable extends EntityShareable<InstanceOffering> {

    public InstanceOfferingShareable() {
        super(OfferingService.TYPE, InstanceOffering.class, o -> o.name, o -> o.shared, (o, all) -> o.shared = all);
    }
}
