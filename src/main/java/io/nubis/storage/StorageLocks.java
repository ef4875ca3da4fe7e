package io.nubis.storage;

import jakarta.persistence.EntityManager;

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

    /** Locks one row of {@code table} (a constant, never input) for update. */
    static void lockRow(EntityManager em, String table, String id) {
        em.createNativeQuery("SELECT id FROM " + table + " WHERE id = ?1 FOR UPDATE").setParameter(1, id)
                .getResultList();
    }
}
