package io.nubis.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Copies of images on other backup storage (issue 12, table {@code image_copy}): each a byte-identical file on another
 * store, so an image may live on several stores and serve the zones of each. Rows are written in their own short
 * transactions by the {@code image.copy} and {@code image.delete} steps.
 */
@ApplicationScoped
public class ImageCopies {

    public static final String COPYING = "Copying";
    public static final String READY = "Ready";

    /** A copy: the store, the file's path there, Copying or Ready. */
    public record Copy(String backupStorageId, String path, String status) {
    }

    @Inject
    EntityManager em;

    /** Records a copy about to be written (Copying); idempotent (a retried step finds its row). */
    @Transactional
    public void begin(String imageId, String bsId, String path) {
        Instant now = Instant.now();
        em.createNativeQuery("INSERT IGNORE INTO image_copy (image_id, backup_storage_id, path, status, created_at,"
                + " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)").setParameter(1, imageId).setParameter(2, bsId)
                .setParameter(3, path).setParameter(4, COPYING).setParameter(5, now).executeUpdate();
    }

    @Transactional
    public void markReady(String imageId, String bsId) {
        em.createNativeQuery("UPDATE image_copy SET status = ?1, updated_at = ?2 WHERE image_id = ?3"
                + " AND backup_storage_id = ?4").setParameter(1, READY).setParameter(2, Instant.now())
                .setParameter(3, imageId).setParameter(4, bsId).executeUpdate();
    }

    @Transactional
    public void forget(String imageId, String bsId) {
        em.createNativeQuery("DELETE FROM image_copy WHERE image_id = ?1 AND backup_storage_id = ?2")
                .setParameter(1, imageId).setParameter(2, bsId).executeUpdate();
    }

    /** The image's copies, Copying ones included. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Copy> of(String imageId) {
        List<Object[]> rows = em.createNativeQuery("SELECT backup_storage_id, path, status FROM image_copy"
                + " WHERE image_id = ?1 ORDER BY created_at, backup_storage_id").setParameter(1, imageId)
                .getResultList();
        return rows.stream().map(r -> new Copy((String) r[0], (String) r[1], (String) r[2])).toList();
    }

    /** The image's copy on the store, if any. */
    public java.util.Optional<Copy> on(String imageId, String bsId) {
        return of(imageId).stream().filter(c -> c.backupStorageId().equals(bsId)).findFirst();
    }

    /** How many copies the store holds. */
    @Transactional
    public long countOn(String bsId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM image_copy WHERE backup_storage_id = ?1")
                .setParameter(1, bsId).getSingleResult()).longValue();
    }
}
