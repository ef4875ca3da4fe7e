package io.nubis.vm;

import io.nubis.offering.InstanceOfferingView;
import java.util.List;

/**
 * A validated VM creation request: every reference resolved and checked; {@code dataDisks}: the data volumes to make
 * with it, in device order.
 */
record VmRequest(String name, String description, InstanceOfferingView offering, String imageId, String zoneId,
        List<String> l3NetworkIds, List<DataDiskRequest> dataDisks) {

    /** A data volume of the new VM: from this disk offering, of this size. */
    record DataDiskRequest(String diskOfferingId, long sizeBytes) {
    }
}
