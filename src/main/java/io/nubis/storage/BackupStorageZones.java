package io.nubis.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Which zones a backup storage serves (issue 12, table {@code backup_storage_zone}): attached to none, every zone (as
 * before zones could be chosen); attached to some, only those. Images are usable in the zones their store serves.
 */
@ApplicationScoped
public class BackupStorageZones {

    @Inject
    io.nubis.platform.Sql sql;

    @Inject
    EntityManager em;

    /** The zones the store is attached to (empty: it serves every zone). */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> zonesOf(String bsId) {
        return em.createNativeQuery("SELECT zone_id FROM backup_storage_zone WHERE backup_storage_id = ?1"
                + " ORDER BY zone_id").setParameter(1, bsId).getResultList();
    }

    /**
     * {@link #serves} as an SQL condition on the store named by column {@code bsColumn}, for a read that answers it
     * with its own row; binds the zone's id twice (true when it is null).
     */
    static String servesCondition(String bsColumn) {
        return "(? IS NULL OR NOT EXISTS (SELECT 1 FROM backup_storage_zone z WHERE z.backup_storage_id = " + bsColumn
                + ") OR EXISTS (SELECT 1 FROM backup_storage_zone z WHERE z.backup_storage_id = " + bsColumn
                + " AND z.zone_id = ?))";
    }

    /** Whether the store serves the zone: attached to it, or to no zone at all. */
    @Transactional
    public boolean serves(String bsId, String zoneId) {
        // one statement on every create request: plain JDBC (docs/architecture.md)
        Object[] counts = sql.flushedQuery("SELECT COUNT(*), COALESCE(SUM(zone_id = ?), 0) FROM backup_storage_zone"
                + " WHERE backup_storage_id = ?", zoneId, bsId).get(0);
        return ((Number) counts[0]).longValue() == 0 || ((Number) counts[1]).longValue() > 0;
    }

    /** Attaches; true when it was not attached before. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean attach(String bsId, String zoneId) {
        return em.createNativeQuery("INSERT IGNORE INTO backup_storage_zone (backup_storage_id, zone_id, created_at)"
                + " VALUES (?1, ?2, ?3)").setParameter(1, bsId).setParameter(2, zoneId).setParameter(3, Instant.now())
                .executeUpdate() > 0;
    }

    /** Detaches; true when it was attached. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean detach(String bsId, String zoneId) {
        return em.createNativeQuery("DELETE FROM backup_storage_zone WHERE backup_storage_id = ?1 AND zone_id = ?2")
                .setParameter(1, bsId).setParameter(2, zoneId).executeUpdate() > 0;
    }
}
