package io.nubis.vm;

import io.nubis.platform.Rows;
import io.nubis.offering.OfferingUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Offerings in use by VMs that are not destroyed cannot be deleted. */
@ApplicationScoped
public class VmOfferingUsage implements OfferingUsage {

    @Override
    @Transactional
    public long count(String offeringId) {
        return Rows.count(VmInstance.class, "offeringId = ?1 and state <> ?2", offeringId, VmState.Destroyed);
    }
}
