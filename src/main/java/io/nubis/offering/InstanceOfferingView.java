package io.nubis.offering;

import java.time.Instant;

/** An instance offering as the API, the portal and the VM service see it. Memory in MiB. */
public record InstanceOfferingView(String id, String name, String description, int cpus, long memoryMib,
        AllocatorStrategy allocatorStrategy, OfferingState state, Instant createdAt, Instant updatedAt) {
}
