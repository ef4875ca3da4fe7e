package io.nubis.storage;

import io.nubis.platform.Text;
import io.nubis.platform.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Space on a primary storage: per host for Local ({@code local_storage_host}), one for the whole storage for shared
 * types ({@code primary_storage.available_bytes}); iSCSI storage counts LUNs instead ({@link IscsiLuns}), so byte
 * reservations do nothing there. Reservations take the row lock, so concurrent volume creations never overcommit a
 * host; joining the caller's transaction, they commit or roll back with the volume row that needs them.
 */
@ApplicationScoped
public class LocalStorageCapacity {

    @Inject
    EntityManager em;
    /**
     * A Local storage's reservation runs on every volume create: plain JDBC ({@link io.nubis.platform.Sql}); no entity
     * maps {@code local_storage_host}.
     */
    @Inject
    io.nubis.platform.Sql sql;

    /**
     * Takes {@code bytes} from the host's available space.
     *
     * @throws StorageFullException when less is available (nothing is reserved)
     * @throws ConflictException {@code error_storage_not_prepared} when the storage was never prepared on the host
     */
    @Transactional
    public void reserve(String psId, String hostId, long bytes) {
        if (luns(psId)) {
            return; // a volume takes a whole LUN (IscsiLuns#assign); cached images live on the host's own disk
        }
        boolean shared = shared(psId);
        // Local (every VM create): one conditional update takes the space when there is enough (the host's available
        // bytes plus what over-provisioning adds, as effective() counts); the row is read only to say why it did not
        if (!shared && sql.update("UPDATE local_storage_host l SET l.available_bytes = l.available_bytes - ?,"
                + " l.updated_at = ? WHERE l.primary_storage_id = ? AND l.host_id = ? AND l.available_bytes"
                + " + (l.total_bytes DIV 100) * GREATEST(0, (SELECT p.overprovision_percent FROM primary_storage p"
                + " WHERE p.id = ?) - 100) >= ?", bytes, Instant.now(), psId, hostId, psId, bytes) == 1) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = shared
                ? em.createNativeQuery("SELECT available_bytes, total_bytes, overprovision_percent FROM primary_storage"
                        + " WHERE id = ?1 AND available_bytes IS NOT NULL FOR UPDATE").setParameter(1, psId)
                        .getResultList()
                : sql.query("SELECT l.available_bytes, l.total_bytes, (SELECT p.overprovision_percent FROM"
                        + " primary_storage p WHERE p.id = ?) FROM local_storage_host l"
                        + " WHERE l.primary_storage_id = ? AND l.host_id = ? FOR UPDATE", psId, psId, hostId);
        if (rows.isEmpty()) {
            throw new ConflictException(
                    Text.of(StorageMessages.class, m -> m.error_storage_not_prepared(psId, hostId)));
        }
        long available = effective(rows.get(0));
        if (available < bytes) {
            PrimaryStorage ps = PrimaryStorage.findById(psId);
            throw new StorageFullException(ps == null ? psId : ps.name, hostId, bytes, available);
        }
        if (shared) {
            em.createNativeQuery("UPDATE primary_storage SET available_bytes = available_bytes - ?1 WHERE id = ?2")
                    .setParameter(1, bytes).setParameter(2, psId).executeUpdate();
            return;
        }
        sql.update("UPDATE local_storage_host SET available_bytes = available_bytes - ?, updated_at = ?"
                + " WHERE primary_storage_id = ? AND host_id = ?", bytes, Instant.now(), psId, hostId);
    }

    /** Gives {@code bytes} back (never above the total). Once per successful reserve. */
    @Transactional
    public void release(String psId, String hostId, long bytes) {
        if (luns(psId)) {
            return;
        }
        if (shared(psId)) {
            em.createNativeQuery("UPDATE primary_storage SET available_bytes = LEAST(total_bytes, available_bytes + ?1)"
                    + " WHERE id = ?2").setParameter(1, bytes).setParameter(2, psId).executeUpdate();
            return;
        }
        em.createNativeQuery("UPDATE local_storage_host SET available_bytes = LEAST(total_bytes, available_bytes + ?1),"
                + " updated_at = ?2 WHERE primary_storage_id = ?3 AND host_id = ?4").setParameter(1, bytes)
                .setParameter(2, Instant.now()).setParameter(3, psId).setParameter(4, hostId)
                .executeUpdate();
    }

    /** Bytes that may still be reserved on the host (shared storage: on the storage), or -1 when not prepared. */
    @Transactional
    public long available(String psId, String hostId) {
        if (luns(psId)) {
            return -1; // not bytes: a LUN that fits is found when the volume row is inserted
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = shared(psId)
                ? em.createNativeQuery("SELECT available_bytes, total_bytes, overprovision_percent FROM primary_storage"
                        + " WHERE id = ?1 AND available_bytes IS NOT NULL").setParameter(1, psId).getResultList()
                : em.createNativeQuery("SELECT l.available_bytes, l.total_bytes, p.overprovision_percent FROM"
                        + " local_storage_host l JOIN primary_storage p ON p.id = l.primary_storage_id"
                        + " WHERE l.primary_storage_id = ?1 AND l.host_id = ?2").setParameter(1, psId)
                        .setParameter(2, hostId).getResultList();
        return rows.isEmpty() ? -1 : Math.max(0, effective(rows.get(0)));
    }

    /**
     * What may still be reserved: the recorded available bytes (which go below zero once more than the size is
     * promised) plus what over-provisioning adds to the size. Row: available, total, percent.
     */
    static long effective(Object[] row) {
        long available = ((Number) row[0]).longValue();
        long total = ((Number) row[1]).longValue();
        int percent = ((Number) row[2]).intValue();
        return available + extra(total, percent);
    }

    /** The bytes over-provisioning adds to a size. */
    public static long extra(long total, int percent) {
        return total / 100 * Math.max(0, percent - 100);
    }

    /** Whether the storage is of a shared type. */
    boolean shared(String psId) {
        String type = type(psId);
        return type != null && !PrimaryStorage.LOCAL.equals(type);
    }

    /** Whether the storage's space is LUNs (iSCSI), not bytes. */
    boolean luns(String psId) {
        return PrimaryStorage.ISCSI.equals(type(psId));
    }

    /** The storage's type, or null when it does not exist (types never change, so answers are kept). */
    private String type(String psId) {
        String known = TYPES.get(psId);
        if (known == null) {
            PrimaryStorage ps = PrimaryStorage.findById(psId);
            if (ps == null) {
                return null;
            }
            known = ps.type;
            TYPES.put(psId, known);
        }
        return known;
    }

    private static final java.util.Map<String, String> TYPES = new java.util.concurrent.ConcurrentHashMap<>();
}
