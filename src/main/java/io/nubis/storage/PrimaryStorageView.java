package io.nubis.storage;

import java.time.Instant;
import java.util.List;

/**
 * A primary storage with the clusters it is attached to and its capacity on each prepared host (Local: totals are their
 * sums; shared types: the storage's one capacity). {@code server}: the NFS server or the Ceph monitors (null for Local)
 * or the iSCSI portal; {@code path}: the folder, the export, the Ceph pool or the iSCSI target's IQN; {@code luns}: an
 * iSCSI target's LUNs (empty for other types); {@code cephUser}: Ceph's cephx user (its key is never shown). Available
 * bytes are what may still be reserved, over-provisioning included (so they may exceed what the file system has free).
 */
public record PrimaryStorageView(String id, String zoneId, String zoneName, String name, String description,
        String type, String path, String server, String cephUser, String state, double overprovisioningRatio,
        long totalBytes,
        long availableBytes, List<AttachedCluster> clusters,
        List<HostCapacity> hosts, long volumeCount, Instant createdAt, Instant updatedAt,
        List<IscsiLuns.LunView> luns) {

    /** A cluster using this storage; status Attaching while the attach job prepares its hosts. */
    public record AttachedCluster(String clusterId, String clusterName, String status) {

        /** Message key of the status label. */
        public String labelKey() {
            return "value_" + status;
        }
    }

    /** Capacity of the storage on one host: file system size, and what Nubis may still reserve. */
    public record HostCapacity(String hostId, String hostName, long totalBytes, long availableBytes,
            Instant preparedAt) {

        public int usedPercent() {
            return totalBytes == 0 ? 0 : (int) Math.round(100.0 * (totalBytes - availableBytes) / totalBytes);
        }

        public long usedBytes() {
            return totalBytes - availableBytes;
        }
    }

    public int usedPercent() {
        return totalBytes == 0 ? 0 : (int) Math.round(100.0 * (totalBytes - availableBytes) / totalBytes);
    }

    public long usedBytes() {
        return totalBytes - availableBytes;
    }

    /** Where its files are: the folder (Local), {@code server:/export} (NFS) or {@code user@monitors/pool} (Ceph). */
    public String location() {
        if (cephUser != null) {
            return cephUser + "@" + server + "/" + path;
        }
        return server == null ? path : server + ":" + path;
    }
}
