package io.nubis.vm;

import io.nubis.offering.InstanceOfferingView;
import java.util.List;

/** A validated VM creation request: every reference resolved and checked. */
record VmRequest(String name, String description, InstanceOfferingView offering, String imageId, String zoneId,
        List<String> l3NetworkIds) {
}
