package io.nubis.storage;

import io.nubis.driver.IscsiLocation;
import io.nubis.driver.StorageCapacity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The LUNs of iSCSI primary storage (issue 12, table {@code iscsi_lun}): what hosts found on the target, and which
 * volume holds each. A volume is one whole LUN, so the storage's capacity is its LUNs: total the sum of their sizes,
 * available the sum of the free ones ({@code primary_storage.total_bytes/available_bytes}, kept here).
 * Over-provisioning does not apply. Allocation takes the storage row's lock, so two volumes never get one LUN.
 */
@ApplicationScoped
public class IscsiLuns {

    /** A LUN as the storage page shows it. */
    public record LunView(int lun, long sizeBytes, String volumeId, boolean missing) {
    }

    @Inject
    EntityManager em;

    /**
     * 409 {@code error_iscsi_no_snapshots} for a volume on a LUN: it has no snapshots, copies or images made from it,
     * and its size is the LUN's.
     */
    static void refuseLun(String volumePath) {
        if (IscsiLocation.isIscsi(volumePath)) {
            throw new io.nubis.platform.ConflictException(
                    io.nubis.platform.Text.of(StorageMessages.class, m -> m.error_iscsi_no_snapshots()));
        }
    }

    /**
     * Records what a host found on the target: new LUNs are added, free ones get their size, free ones no longer there
     * are forgotten, held ones no longer there are marked missing. Then the storage's capacity is recomputed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sync(String psId, List<StorageCapacity.Lun> found) {
        lockStorage(psId);
        Instant now = Instant.now();
        Map<Integer, Long> sizes = new HashMap<>();
        found.forEach(l -> sizes.put(l.number(), l.sizeBytes()));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT lun, volume_id FROM iscsi_lun WHERE primary_storage_id = ?1")
                .setParameter(1, psId).getResultList();
        Map<Integer, String> known = new HashMap<>();
        rows.forEach(r -> known.put(((Number) r[0]).intValue(), (String) r[1]));
        for (Map.Entry<Integer, String> k : known.entrySet()) {
            Long size = sizes.get(k.getKey());
            if (size == null && k.getValue() == null) {
                em.createNativeQuery("DELETE FROM iscsi_lun WHERE primary_storage_id = ?1 AND lun = ?2")
                        .setParameter(1, psId).setParameter(2, k.getKey()).executeUpdate();
            } else if (size == null) {
                em.createNativeQuery("UPDATE iscsi_lun SET missing = 1, updated_at = ?1 WHERE primary_storage_id = ?2"
                        + " AND lun = ?3").setParameter(1, now).setParameter(2, psId).setParameter(3, k.getKey())
                        .executeUpdate();
            } else {
                // a held LUN keeps the size its volume was made on: it only grows back to what the target says
                em.createNativeQuery("UPDATE iscsi_lun SET missing = 0, updated_at = ?1, size_bytes = CASE WHEN"
                        + " volume_id IS NULL THEN ?2 ELSE size_bytes END WHERE primary_storage_id = ?3 AND lun = ?4")
                        .setParameter(1, now).setParameter(2, size).setParameter(3, psId).setParameter(4, k.getKey())
                        .executeUpdate();
            }
        }
        for (StorageCapacity.Lun l : found) {
            if (!known.containsKey(l.number())) {
                em.createNativeQuery("INSERT INTO iscsi_lun (primary_storage_id, lun, size_bytes, updated_at)"
                        + " VALUES (?1, ?2, ?3, ?4)").setParameter(1, psId).setParameter(2, l.number())
                        .setParameter(3, l.sizeBytes()).setParameter(4, now).executeUpdate();
            }
        }
        recount(psId);
    }

    /**
     * Gives the volume the smallest free LUN of at least {@code minBytes}, in the caller's transaction (the one that
     * inserts the volume row); returns the volume's location {@code iscsi://portal/iqn/lun}.
     *
     * @throws StorageFullException when no free LUN is large enough (nothing changes)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String assign(PrimaryStorage ps, String volumeId, long minBytes) {
        lockStorage(ps.id);
        @SuppressWarnings("unchecked")
        List<Object[]> free = em.createNativeQuery("SELECT lun, size_bytes FROM iscsi_lun WHERE primary_storage_id = ?1"
                + " AND volume_id IS NULL AND missing = 0 ORDER BY size_bytes DESC, lun DESC").setParameter(1, ps.id)
                .getResultList();
        Object[] best = null;
        for (Object[] r : free) {
            if (((Number) r[1]).longValue() >= minBytes) {
                best = r; // largest first, equal sizes by falling number: the last that fits is the smallest,
                          // lowest-numbered
            }
        }
        if (best == null) {
            throw StorageFullException.noLun(ps.name, minBytes,
                    free.isEmpty() ? 0 : ((Number) free.get(0)[1]).longValue());
        }
        int lun = ((Number) best[0]).intValue();
        em.createNativeQuery("UPDATE iscsi_lun SET volume_id = ?1, updated_at = ?2 WHERE primary_storage_id = ?3"
                + " AND lun = ?4").setParameter(1, volumeId).setParameter(2, Instant.now()).setParameter(3, ps.id)
                .setParameter(4, lun).executeUpdate();
        recount(ps.id);
        return IscsiLocation.parse(ps.root()).withLun(lun).toString();
    }

    /** Frees the volume's LUN, in the caller's transaction (the one that deletes the volume row); none is fine. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(String psId, String volumeId) {
        lockStorage(psId);
        // a LUN that vanished from the target while held is forgotten with its volume
        em.createNativeQuery("DELETE FROM iscsi_lun WHERE volume_id = ?1 AND missing = 1").setParameter(1, volumeId)
                .executeUpdate();
        em.createNativeQuery("UPDATE iscsi_lun SET volume_id = NULL, updated_at = ?1 WHERE volume_id = ?2")
                .setParameter(1, Instant.now()).setParameter(2, volumeId).executeUpdate();
        recount(psId);
    }

    /** The storage's LUNs by number. */
    @Transactional
    public List<LunView> list(String psId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT lun, size_bytes, volume_id, missing FROM iscsi_lun"
                + " WHERE primary_storage_id = ?1 ORDER BY lun").setParameter(1, psId).getResultList();
        return rows.stream().map(r -> new LunView(((Number) r[0]).intValue(), ((Number) r[1]).longValue(),
                (String) r[2], flag(r[3]))).toList();
    }

    /** A TINYINT(1) as the driver hands it back: Boolean, or a number. */
    private static boolean flag(Object value) {
        return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
    }

    private void lockStorage(String psId) {
        em.createNativeQuery("SELECT id FROM primary_storage WHERE id = ?1 FOR UPDATE").setParameter(1, psId)
                .getResultList();
    }

    private void recount(String psId) {
        em.createNativeQuery("UPDATE primary_storage SET total_bytes = (SELECT COALESCE(SUM(size_bytes), 0) FROM"
                + " iscsi_lun WHERE primary_storage_id = ?1 AND missing = 0), available_bytes = (SELECT"
                + " COALESCE(SUM(size_bytes), 0) FROM iscsi_lun WHERE primary_storage_id = ?1 AND missing = 0 AND"
                + " volume_id IS NULL) WHERE id = ?1").setParameter(1, psId).executeUpdate();
    }
}
