package io.nubis.storage;

import java.time.Instant;
import java.util.List;

/**
 * A backup storage as the API and the portal show it. Secrets never appear: {@code credentialKind} says which kind of
 * login is stored (password, privateKey or none). {@code zones}: the zones it serves, empty when it serves all.
 */
public record BackupStorageView(String id, String name, String description, String type, String address, int port,
        String username, String rootPath, List<String> importFolders, BackupStorageStatus status, String statusReason,
        long totalBytes,
        long availableBytes, String hostKeyFingerprint, String presentedHostKey, String credentialKind,
        long imageCount, Instant connectedAt, Instant createdAt, Instant updatedAt, List<Zone> zones) {

    /** A zone the store is attached to (issue 12); none: it serves every zone. */
    public record Zone(String id, String name) {
    }

    public int usedPercent() {
        return totalBytes == 0 ? 0 : (int) Math.round(100.0 * (totalBytes - availableBytes) / totalBytes);
    }

    public long usedBytes() {
        return totalBytes - availableBytes;
    }
}
