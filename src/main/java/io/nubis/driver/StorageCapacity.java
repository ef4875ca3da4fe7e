package io.nubis.driver;

import java.util.List;

/**
 * Capacity of a file system holding storage, in bytes. For an iSCSI target (issue 12) also its LUNs as the host found
 * them: each LUN is a volume of its own, so their sizes are the capacity.
 */
public record StorageCapacity(long totalBytes, long availableBytes, List<Lun> luns) {

    /** A logical unit of an iSCSI target that can hold a volume. */
    public record Lun(int number, long sizeBytes) {
    }

    public StorageCapacity {
        luns = luns == null ? List.of() : List.copyOf(luns);
    }

    public StorageCapacity(long totalBytes, long availableBytes) {
        this(totalBytes, availableBytes, List.of());
    }

    /** A target's capacity: all its LUNs, each free as far as the host can tell. */
    public static StorageCapacity ofLuns(List<Lun> luns) {
        long total = luns.stream().mapToLong(Lun::sizeBytes).sum();
        return new StorageCapacity(total, total, luns);
    }
}
