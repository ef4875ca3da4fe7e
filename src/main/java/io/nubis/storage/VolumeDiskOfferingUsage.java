package io.nubis.storage;

import io.nubis.offering.DiskOfferingUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A disk offering is in use while volumes made from it exist (its delete is refused). */
@ApplicationScoped
public class VolumeDiskOfferingUsage implements DiskOfferingUsage {

    @Inject
    DataVolumeService volumes;

    @Override
    public long count(String diskOfferingId) {
        return volumes.countFromOffering(diskOfferingId);
    }
}
