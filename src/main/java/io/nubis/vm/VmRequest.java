package io.nubis.vm;

import io.nubis.offering.InstanceOfferingView;
import java.util.List;

/**
 * A validated VM creation request: every reference resolved and checked; {@code dataDisks}: the data volumes to make
 * with it, in device order; {@code isoRootBytes}: for an ISO image, the size of the blank root disk (else 0);
 * {@code cloudInit}: the checked cloud-init data, or null (no config drive).
 */
record VmRequest(String name, String description, InstanceOfferingView offering, String imageId, String zoneId,
        List<String> l3NetworkIds, List<DataDiskRequest> dataDisks, long isoRootBytes, long rootBytes,
        List<String> securityGroupIds, VmCloudInits.Request cloudInit) {

    /** The volume capacity the VM will take: its root disk and its data volumes. */
    long volumeBytes() {
        return rootBytes + dataDisks.stream().mapToLong(DataDiskRequest::sizeBytes).sum();
    }

    /** Whether the VM boots from an ISO: then {@link #isoRootBytes} is the size of its blank root disk. */
    boolean iso() {
        return isoRootBytes > 0;
    }

    /** A data volume of the new VM: from this disk offering, of this size. */
    record DataDiskRequest(String diskOfferingId, long sizeBytes) {
    }
}
