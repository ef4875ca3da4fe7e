package io.nubis.offering;

import java.time.Instant;

/** A disk offering as the API, the portal and the storage service see it. Size in GiB. */
public record DiskOfferingView(String id, String name, String description, int sizeGib, OfferingState state,
        Instant createdAt, Instant updatedAt) {

    /** The size in bytes (GiB = 2^30 bytes). */
    public long sizeBytes() {
        return (long) sizeGib << 30;
    }
}
