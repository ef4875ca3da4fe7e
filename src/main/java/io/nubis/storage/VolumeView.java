package io.nubis.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A volume as the API and the portal show it. Where it lives ({@code host*}, {@code path}) is shown to admins only.
 */
public record VolumeView(String id, String name, String type, VolumeStatus status, String accountId, String vmId,
        String primaryStorageId, String primaryStorageName, String hostId, String hostName, String imageId,
        String imageName, String path, long sizeBytes, Instant createdAt, Instant updatedAt, String description,
        Integer deviceIndex, String diskOfferingId, String currentSnapshotId) {

    /** The device a data volume has on its VM ({@code vdb} for index 1), or null when it is not attached. */
    @JsonProperty("device")
    public String device() {
        return deviceIndex == null ? null : "vd" + (char) ('a' + deviceIndex);
    }
}
