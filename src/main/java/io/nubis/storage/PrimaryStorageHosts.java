package io.nubis.storage;

import io.nubis.compute.HostAccess;
import io.nubis.driver.DriverException;
import io.nubis.driver.StorageCapacity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Prepares a primary storage on hosts: the folders (or, for Ceph, the key) via the host's storage driver, then the
 * host's capacity row. Called by the attach job for every connected host of the cluster, and by the VM workflow for a
 * host that joined the cluster later ({@link #prepareHost}). An iSCSI target's LUNs, as the host lists them, are
 * recorded with its capacity ({@link IscsiLuns#sync}). Runs outside transactions; each database write is its own short
 * transaction.
 */
@ApplicationScoped
public class PrimaryStorageHosts {

    /** The outcome of preparing one host: whether this call created its capacity row, and the capacity. */
    public record Prepared(String hostId, boolean created, long totalBytes, long availableBytes) {
    }

    @Inject
    io.nubis.platform.Sql sql;

    @Inject
    StorageHosts hosts;
    @Inject
    EntityManager em;
    @Inject
    HostAccess hostAccess;
    @Inject
    io.nubis.platform.SecretBox secrets;
    @Inject
    IscsiLuns luns;

    /**
     * Makes sure the storage is usable on the host: folders exist, capacity is recorded. Idempotent and cheap when the
     * host was prepared before (no host call then).
     *
     * @throws NoPrimaryStorageException when the storage is not attached to the host's cluster
     */
    public Prepared prepareHost(String psId, String hostId) throws DriverException {
        Long[] existing = capacityRow(psId, hostId);
        if (existing != null) {
            return new Prepared(hostId, false, existing[0], existing[1]);
        }
        return prepare(psId, hostId);
    }

    /** Prepares the host even if it was prepared before, refreshing its capacity. */
    public Prepared prepare(String psId, String hostId) throws DriverException {
        String path = attachedPath(psId, hostId);
        String secret = secrets.open(PrimaryStorageService.find(psId).secretSealed);
        StorageHosts.Target t = hosts.target(hostId);
        StorageCapacity cap = t.driver().prepareStorage(t.endpoint(), path, secret);
        return record(psId, hostId, cap);
    }

    /** Undoes a preparation this job made: removes the empty folders and the capacity row. */
    public void unprepare(String psId, String hostId) throws DriverException {
        PrimaryStorage ps = PrimaryStorageService.find(psId);
        if (!ps.shared()) { // a shared storage's folders serve the other hosts and clusters: they stay
            StorageHosts.Target t = hosts.target(hostId);
            t.driver().releaseLocalStorage(t.endpoint(), ps.root());
        }
        deleteRow(psId, hostId);
    }

    /** Removes folders a failed preparation may have made (only empty ones); never throws. */
    void releaseQuietly(String psId, String hostId) {
        try {
            if (PrimaryStorageService.find(psId).shared()) {
                return;
            }
            StorageHosts.Target t = hosts.target(hostId);
            t.driver().releaseLocalStorage(t.endpoint(), PrimaryStorageService.find(psId).root());
        } catch (Exception ignored) {
            // the preparation's own error is what the job reports
        }
    }

    /** Connected hosts of a cluster, by id. */
    public List<String> connectedHosts(String clusterId) {
        return hostAccess.connectedHosts(clusterId).stream().map(HostAccess.HostRef::id).toList();
    }

    @Transactional
    String attachedPath(String psId, String hostId) {
        PrimaryStorage ps = PrimaryStorageService.find(psId);
        String cluster = hostAccess.clusterOf(hostId).orElse(null);
        Number n = cluster == null
                ? 0
                : (Number) em.createNativeQuery("SELECT COUNT(*) FROM primary_storage_cluster"
                        + " WHERE primary_storage_id = ?1 AND cluster_id = ?2").setParameter(1, psId)
                        .setParameter(2, cluster)
                        .getSingleResult();
        if (n.longValue() == 0) {
            throw new NoPrimaryStorageException(hostId);
        }
        return ps.root();
    }

    @Transactional
    Long[] capacityRow(String psId, String hostId) {
        List<Object[]> rows = sql.flushedQuery("SELECT total_bytes, available_bytes FROM local_storage_host"
                + " WHERE primary_storage_id = ? AND host_id = ?", psId, hostId);
        return rows.isEmpty()
                ? null
                : new Long[]{((Number) rows.get(0)[0]).longValue(), ((Number) rows.get(0)[1]).longValue()};
    }

    /**
     * Inserts or refreshes the capacity row. Space Nubis reserved stays reserved: available = min(what the file system
     * has free, new total - reserved).
     */
    @Transactional
    Prepared record(String psId, String hostId, StorageCapacity cap) {
        Instant now = Instant.now();
        PrimaryStorage ps = PrimaryStorageService.find(psId);
        if (PrimaryStorage.ISCSI.equals(ps.type)) {
            luns.sync(psId, cap.luns()); // the target's LUNs are its capacity
        } else if (ps.shared()) {
            recordShared(psId, cap);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT total_bytes, available_bytes FROM local_storage_host"
                + " WHERE primary_storage_id = ?1 AND host_id = ?2 FOR UPDATE").setParameter(1, psId)
                .setParameter(2, hostId).getResultList();
        if (rows.isEmpty()) {
            em.createNativeQuery("INSERT INTO local_storage_host (primary_storage_id, host_id, total_bytes,"
                    + " available_bytes, prepared_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)")
                    .setParameter(1, psId).setParameter(2, hostId).setParameter(3, cap.totalBytes())
                    .setParameter(4, cap.availableBytes()).setParameter(5, now).executeUpdate();
            return new Prepared(hostId, true, cap.totalBytes(), cap.availableBytes());
        }
        long reserved = ((Number) rows.get(0)[0]).longValue() - ((Number) rows.get(0)[1]).longValue();
        // below zero once over-provisioning promised more than the size: that keeps what is reserved
        long available = Math.min(cap.availableBytes(), cap.totalBytes() - reserved);
        em.createNativeQuery("UPDATE local_storage_host SET total_bytes = ?1, available_bytes = ?2, updated_at = ?3"
                + " WHERE primary_storage_id = ?4 AND host_id = ?5").setParameter(1, cap.totalBytes())
                .setParameter(2, available).setParameter(3, now).setParameter(4, psId).setParameter(5, hostId)
                .executeUpdate();
        return new Prepared(hostId, false, cap.totalBytes(), available);
    }

    /**
     * Shared storage: records what a host saw of the whole storage as its one capacity; space Nubis reserved stays
     * reserved, as for a host's row.
     */
    void recordShared(String psId, StorageCapacity cap) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT total_bytes, available_bytes FROM primary_storage"
                + " WHERE id = ?1 FOR UPDATE").setParameter(1, psId).getResultList();
        long available = cap.availableBytes();
        if (!rows.isEmpty() && rows.get(0)[0] != null) {
            long reserved = ((Number) rows.get(0)[0]).longValue() - ((Number) rows.get(0)[1]).longValue();
            available = Math.min(cap.availableBytes(), cap.totalBytes() - reserved);
        }
        em.createNativeQuery("UPDATE primary_storage SET total_bytes = ?1, available_bytes = ?2 WHERE id = ?3")
                .setParameter(1, cap.totalBytes()).setParameter(2, available).setParameter(3, psId).executeUpdate();
    }

    /** A connected host of a cluster the storage is attached to: on shared storage, any of them reaches its files. */
    public String anyHost(String psId) {
        for (String cluster : attachedClusters(psId)) {
            List<String> connected = connectedHosts(cluster);
            if (!connected.isEmpty()) {
                return connected.get(0);
            }
        }
        throw new io.nubis.platform.NotFoundException("host", "a connected host of primary storage " + psId);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<String> attachedClusters(String psId) {
        return em.createNativeQuery("SELECT cluster_id FROM primary_storage_cluster WHERE primary_storage_id = ?1"
                + " ORDER BY cluster_id").setParameter(1, psId).getResultList();
    }

    @Transactional
    void deleteRow(String psId, String hostId) {
        em.createNativeQuery("DELETE FROM local_storage_host WHERE primary_storage_id = ?1 AND host_id = ?2")
                .setParameter(1, psId).setParameter(2, hostId).executeUpdate();
    }

    /** Call inside a job's final transaction. */
    void markAttached(String psId, String clusterId) {
        em.createNativeQuery("UPDATE primary_storage_cluster SET status = ?1 WHERE primary_storage_id = ?2"
                + " AND cluster_id = ?3").setParameter(1, PrimaryStorageService.ATTACHED).setParameter(2, psId)
                .setParameter(3, clusterId).executeUpdate();
    }

    /** Call inside a job's final transaction. */
    void forgetAttachment(String psId, String clusterId) {
        em.createNativeQuery("DELETE FROM primary_storage_cluster WHERE primary_storage_id = ?1 AND cluster_id = ?2")
                .setParameter(1, psId).setParameter(2, clusterId).executeUpdate();
    }

    /**
     * The host that deletes a volume: the one it was made on, or when that host was removed from Nubis, on shared
     * storage any connected host of the storage (the file, RBD image or LUN is still there); null on Local storage (the
     * file went with its host).
     *
     * @throws DriverException when no host of the shared storage is connected (the volume stays Deleting for a retry)
     */
    public StorageHosts.Target volumeHost(Volume vol) throws DriverException {
        try {
            return hosts.target(vol.hostId);
        } catch (io.nubis.platform.NotFoundException hostGone) {
            boolean shared = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> PrimaryStorageService.find(vol.primaryStorageId).shared());
            if (!shared) {
                return null;
            }
            try {
                return hosts.target(anyHost(vol.primaryStorageId));
            } catch (io.nubis.platform.NotFoundException noHost) {
                String why = "no connected host reaches the primary storage of volume " + vol.name + " to delete it";
                throw new DriverException(why, why);
            }
        }
    }

    /** Every host of the cluster, connected or not. */
    public List<String> hostsOf(String clusterId) {
        return hostAccess.hostIdsOf(clusterId);
    }

    /**
     * A host of a detaching cluster gives the storage up (issue 12): its cached images go (each file, then its row),
     * then its empty folders of a host-cached storage (Local, iSCSI), then for Ceph the libvirt secret and, unless a
     * Ceph backup storage gateway on the host reads them, the key file and conf. Idempotent; returns how many cached
     * images went.
     */
    public int release(String psId, String hostId) throws DriverException {
        StorageHosts.Target t = hosts.target(hostId);
        int removed = 0;
        for (String[] c : cachedOn(psId, hostId)) {
            t.driver().deleteCachedImage(t.endpoint(), c[1]);
            forgetCached(c[0]);
            removed++;
        }
        PrimaryStorage ps = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> PrimaryStorageService.find(psId));
        if (ps.hostCache()) {
            t.driver().releaseLocalStorage(t.endpoint(), ps.cacheRoot());
        }
        if (PrimaryStorage.CEPH.equals(ps.type)) { // a cluster uses one primary storage: no other needs the secret
            t.driver().forgetStorageSecret(t.endpoint(), ps.root(), gatewayOn(ps, t.endpoint().address()));
        }
        return removed;
    }

    /** The host's cached copies of the storage: id and path (for shared caches: none, their rows are the storage's). */
    @Transactional
    @SuppressWarnings("unchecked")
    List<String[]> cachedOn(String psId, String hostId) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, path FROM image_cache WHERE primary_storage_id = ?1"
                + " AND host_id = ?2").setParameter(1, psId).setParameter(2, hostId).getResultList();
        return rows.stream().map(r -> new String[]{(String) r[0], (String) r[1]}).toList();
    }

    @Transactional
    void forgetCached(String cacheId) {
        em.createNativeQuery("DELETE FROM image_cache WHERE id = ?1").setParameter(1, cacheId).executeUpdate();
    }

    /** Whether a Ceph backup storage of the same user and cluster uses the host as its gateway (it reads the key). */
    @Transactional
    boolean gatewayOn(PrimaryStorage ps, String address) {
        String mine = io.nubis.driver.RbdLocation.parse(ps.root()).secretUuid();
        return BackupStorage.<BackupStorage>list("type = ?1 and address = ?2", "Ceph", address).stream()
                .anyMatch(b -> io.nubis.driver.RbdLocation.parse(b.rootPath).secretUuid().equals(mine));
    }

    /** Call inside a job's final transaction: the attachment and the capacity and cache rows of its hosts go. */
    void forgetCluster(String psId, String clusterId) {
        List<String> hostIds = hostAccess.hostIdsOf(clusterId);
        if (!hostIds.isEmpty()) {
            em.createNativeQuery("DELETE FROM image_cache WHERE primary_storage_id = ?1 AND host_id IN (?2)")
                    .setParameter(1, psId).setParameter(2, hostIds).executeUpdate();
            em.createNativeQuery("DELETE FROM local_storage_host WHERE primary_storage_id = ?1 AND host_id IN (?2)")
                    .setParameter(1, psId).setParameter(2, hostIds).executeUpdate();
        }
        forgetAttachment(psId, clusterId);
    }
}
