package io.nubis.storage;

import java.time.Instant;

/**
 * A volume snapshot on the wire. {@code current}: the volume was last taken from or reverted to it (its next snapshot
 * will be its child); {@code depth}: its level in the volume's tree (0 for a root), for indented lists.
 */
public record SnapshotView(String id, String volumeId, String volumeName, String parentId, String name,
        String description, SnapshotStatus status, long sizeBytes, boolean current, int depth, String accountId,
        Instant createdAt) {
}
