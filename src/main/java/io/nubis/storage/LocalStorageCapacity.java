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
 * types ({@code primary_storage.available_bytes}). Reservations take the row lock, so concurrent volume creations never
 * overcommit a host; joining the caller's transaction, they commit or roll back with the volume row that needs them.
 */
@ApplicationScoped
public class LocalStorageCapacity {

    @Inject
    EntityManager em;

    /**
     * Takes {@code bytes} from the host's available space.
     *
     * @throws StorageFullException when less is available (nothing is reserved)
     * @throws ConflictException {@code error_storage_not_prepared} when the storage was never prepared on the host
     */
    @Transactional
    public void reserve(String psId, String hostId, long bytes) {
        boolean shared = shared(psId);
        @SuppressWarnings("unchecked")
        List<Number> rows = shared
                ? em.createNativeQuery("SELECT available_bytes FROM primary_storage WHERE id = ?1"
                        + " AND available_bytes IS NOT NULL FOR UPDATE").setParameter(1, psId).getResultList()
                : em.createNativeQuery("SELECT available_bytes FROM local_storage_host"
                        + " WHERE primary_storage_id = ?1 AND host_id = ?2 FOR UPDATE").setParameter(1, psId)
                        .setParameter(2, hostId).getResultList();
        if (rows.isEmpty()) {
            throw new ConflictException(
                    Text.of(StorageMessages.class, m -> m.error_storage_not_prepared(psId, hostId)));
        }
        long available = rows.get(0).longValue();
        if (available < bytes) {
            PrimaryStorage ps = PrimaryStorage.findById(psId);
            throw new StorageFullException(ps == null ? psId : ps.name, hostId, bytes, available);
        }
        if (shared) {
            em.createNativeQuery("UPDATE primary_storage SET available_bytes = available_bytes - ?1 WHERE id = ?2")
                    .setParameter(1, bytes).setParameter(2, psId).executeUpdate();
            return;
        }
        em.createNativeQuery("UPDATE local_storage_host SET available_bytes = available_bytes - ?1, updated_at = ?2"
                + " WHERE primary_storage_id = ?3 AND host_id = ?4").setParameter(1, bytes)
                .setParameter(2, Instant.now()).setParameter(3, psId).setParameter(4, hostId)
                .executeUpdate();
    }

    /** Gives {@code bytes} back (never above the total). Once per successful reserve. */
    @Transactional
    public void release(String psId, String hostId, long bytes) {
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

    /** Available bytes on the host (shared storage: on the storage), or -1 when not prepared. */
    @Transactional
    public long available(String psId, String hostId) {
        @SuppressWarnings("unchecked")
        List<Number> rows = shared(psId)
                ? em.createNativeQuery("SELECT available_bytes FROM primary_storage WHERE id = ?1"
                        + " AND available_bytes IS NOT NULL").setParameter(1, psId).getResultList()
                : em.createNativeQuery("SELECT available_bytes FROM local_storage_host"
                        + " WHERE primary_storage_id = ?1 AND host_id = ?2").setParameter(1, psId)
                        .setParameter(2, hostId).getResultList();
        return rows.isEmpty() ? -1 : rows.get(0).longValue();
    }

    /** Whether the storage is of a shared type (types never change, so the answer is kept). */
    boolean shared(String psId) {
        return SHARED.computeIfAbsent(psId, id -> {
            PrimaryStorage ps = PrimaryStorage.findById(id);
            return ps != null && ps.shared();
        });
    }

    private static final java.util.Map<String, Boolean> SHARED = new java.util.concurrent.ConcurrentHashMap<>();
}
