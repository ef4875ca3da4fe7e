package io.nubis.compute;

import java.time.Instant;

/** A cluster as the API and the portal show it. */
public record ClusterView(String id, String zoneId, String zoneName, String name, String description,
        String hypervisorType, ZoneState state, long hostCount, Instant createdAt, Instant updatedAt) {
}
