package io.nubis.storage;

import java.time.Instant;
import java.util.List;

/**
 * An image as the API and the portal show it. Where it is stored ({@code backupStorage*}, {@code path}) is shown to
 * admins only, as are its {@code copies} on other backup storage (issue 12); {@code statusReason} is the admin's detail
 * for admins and a text for people for anyone else.
 */
public record ImageView(String id, String name, String description, String format, ImageStatus status,
        String statusReason, String backupStorageId, String backupStorageName, String path, String sourceUrl,
        long sizeBytes, long virtualSizeBytes, String sha256, boolean shared, String accountId, Instant createdAt,
        Instant updatedAt, List<ImageCopies.Copy> copies) {
}
