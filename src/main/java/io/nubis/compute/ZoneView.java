package io.nubis.compute;

import java.time.Instant;

/** A zone as the API and the portal show it, with how much it holds. */
public record ZoneView(String id, String name, String description, ZoneState state, long clusterCount,
        long hostCount, Instant createdAt, Instant updatedAt) {
}
