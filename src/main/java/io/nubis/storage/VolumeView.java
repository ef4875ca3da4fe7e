package io.nubis.storage;

import java.time.Instant;

/**
 * A volume as the API and the portal show it. Where it lives ({@code host*}, {@code path}) is shown to admins only.
 */
public record VolumeView(String id, String name, String type, VolumeStatus status, String accountId, String vmId,
        String primaryStorageId, String primaryStorageName, String hostId, String hostName, String imageId,
        String imageName, String path, long sizeBytes, Instant createdAt, Instant updatedAt) {
}
