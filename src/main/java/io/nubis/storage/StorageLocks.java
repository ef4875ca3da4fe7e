package io.nubis.storage;

import io.nubis.platform.ConflictException;
import io.nubis.platform.Text;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/**
 * Row locks written for both MySQL 8 and MariaDB (Hibernate's MySQL dialect emits {@code FOR SHARE OF} /
 * {@code FOR UPDATE OF}, which MariaDB lacks). Call inside a transaction, before loading the entity, so the entity is
 * read after the lock is held.
 */
final class StorageLocks {

    private StorageLocks() {
    }

    /** Locks the image row in share mode (others may read and share-lock it, nobody may change it) and loads it. */
    static Image shareImage(EntityManager em, String imageId) {
        em.createNativeQuery("SELECT id FROM image WHERE id = ?1 LOCK IN SHARE MODE").setParameter(1, imageId)
                .getResultList();
        return Image.findById(imageId);
    }

    /**
     * Locks one row of {@code table} (a constant, never input) for update without waiting ({@code NOWAIT}, MySQL 8 and
     * MariaDB 10.3+): a row another transaction holds (e.g. an image being copied into a cache) is a conflict, not a
     * long wait.
     *
     * @throws ConflictException {@code busy} when the row is locked
     */
    static void lockRowNowait(EntityManager em, String table, String id, Text busy) {
        try {
            em.createNativeQuery("SELECT id FROM " + table + " WHERE id = ?1 FOR UPDATE NOWAIT").setParameter(1, id)
                    .getResultList();
        } catch (PersistenceException e) {
            throw new ConflictException(busy);
        }
    }

    /** Locks one row of {@code table} (a constant, never input) for update. */
    static void lockRow(EntityManager em, String table, String id) {
        em.createNativeQuery("SELECT id FROM " + table + " WHERE id = ?1 FOR UPDATE").setParameter(1, id)
                .getResultList();
    }
}
