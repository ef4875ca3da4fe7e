package io.nubis.storage;

import io.nubis.platform.Text;
import io.nubis.driver.DriverException;
import io.nubis.driver.ImageSource;
import io.nubis.job.JobContext;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.SecretBox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The per-host image cache of local primary storage. {@link #ensureCached} is the seam the VM workflow calls (outside
 * transactions): it copies an image from its backup storage into the host once, however many VM creations ask for it at
 * the same time.
 *
 * <p>
 * How "once" is guaranteed: one transaction inserts the cache row {@code (ps, host, image)} ({@code INSERT IGNORE} on
 * its unique key), locks it ({@code SELECT ... FOR UPDATE}) and, unless it is Ready already, copies the image while
 * holding the lock, then marks it Ready and commits. A concurrent caller's insert waits on the unique key until then
 * and finds the row Ready; if the copy failed, the row vanished with the rollback and the waiter copies itself. The
 * lock lives in the database, so this holds across management servers. A waiter whose lock wait times out
 * ({@code innodb_lock_wait_timeout}) or that InnoDB picks as a deadlock victim tries again until
 * {@code nubis.storage.cache-wait}. A Ready copy is found by a plain read first, without any lock. The host's space is
 * reserved after the copy (a plain read checks it before), so the capacity row is locked only for a moment.
 */
@ApplicationScoped
public class ImageCacheService {

    static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    static final int ER_LOCK_DEADLOCK = 1213;

    @Inject
    io.nubis.platform.Sql sql;
    @Inject
    ImageCopies copies;
    @Inject
    BackupStorageZones zones;
    @Inject
    io.nubis.compute.HostAccess hostAccess;
    @Inject
    EntityManager em;
    @Inject
    StorageHosts hosts;
    @Inject
    SecretBox secrets;
    @Inject
    StorageConfig config;
    @Inject
    LocalStorageCapacity capacity;
    @Inject
    PrimaryStorageHosts psHosts;
    @Inject
    @jakarta.enterprise.inject.Any
    jakarta.enterprise.inject.Instance<ImageUsage> usages;

    /** Wraps a driver failure through the transaction boundary. */
    private static final class DriverFailure extends RuntimeException {

        DriverFailure(DriverException cause) {
            super(cause);
        }
    }

    /**
     * Makes sure the image is in the host's cache of the primary storage and returns its path. The image's size is
     * reserved on the host when it is copied. Idempotent; safe to call concurrently.
     *
     * @throws DriverException when the copy or its verification failed (nothing is left behind)
     * @throws ConflictException when the image is not Ready, or the storage is full or not prepared on the host
     */
    public CachedImage ensureCached(String psId, String hostId, String imageId) throws DriverException {
        psHosts.prepareHost(psId, hostId);
        Optional<String> ready = readyPath(psId, hostId, imageId);
        if (ready.isPresent()) {
            return new CachedImage(ready.get(), false);
        }
        long deadline = System.nanoTime() + config.cacheWait().toNanos();
        int timeout = (int) Math.max(60, config.cacheWait().toSeconds());
        while (true) {
            try {
                return QuarkusTransaction.requiringNew().timeout(timeout)
                        .call(() -> lockAndCopy(psId, hostId, imageId));
            } catch (RuntimeException e) {
                DriverException driver = driverCause(e);
                if (driver != null) {
                    throw driver;
                }
                if (!lockWaitTimeout(e) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private CachedImage lockAndCopy(String psId, String hostId, String imageId) {
        PrimaryStorage ps = PrimaryStorageService.find(psId);
        Image img = StorageLocks.shareImage(em, imageId);
        if (img == null || img.status != ImageStatus.Ready) {
            throw new ConflictException(
                    Text.of(StorageMessages.class, m -> m.error_image_not_ready(img == null ? imageId : img.name,
                            img == null ? "missing" : img.status)));
        }
        String path = StoragePaths.cachedImage(ps.cacheRoot(), img.id, img.format);
        String scope = scope(ps, hostId);
        Instant now = Instant.now();
        em.createNativeQuery("INSERT IGNORE INTO image_cache (id, primary_storage_id, host_id, image_id, path,"
                + " status, size_bytes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'Copying', 0, ?6, ?6)")
                .setParameter(1, Ids.newId()).setParameter(2, psId).setParameter(3, scope)
                .setParameter(4, imageId).setParameter(5, path).setParameter(6, now).executeUpdate();
        @SuppressWarnings("unchecked")
        List<String> status = em.createNativeQuery("SELECT status FROM image_cache WHERE primary_storage_id = ?1"
                + " AND host_id = ?2 AND image_id = ?3 FOR UPDATE").setParameter(1, psId).setParameter(2, scope)
                .setParameter(3, imageId).getResultList();
        if (ImageCache.READY.equals(status.get(0))) {
            return new CachedImage(path, false);
        }
        // fail fast when the copy cannot fit; the reservation itself is taken after the copy, so that the host's
        // capacity row is not locked (blocking other VM creations on the host) while the image travels
        long available = capacity.available(psId, hostId);
        if (available >= 0 && available < img.sizeBytes) {
            throw new StorageFullException(ps.name, hostId, img.sizeBytes, available);
        }
        try {
            StorageHosts.Target t = hosts.target(hostId);
            t.driver().ensureImageCached(t.endpoint(), source(img, t), path);
        } catch (DriverException e) {
            throw new DriverFailure(e);
        }
        try {
            capacity.reserve(psId, hostId, img.sizeBytes);
        } catch (RuntimeException full) {
            removeQuietly(hostId, path);
            throw full;
        }
        em.createNativeQuery("UPDATE image_cache SET status = 'Ready', size_bytes = ?1, updated_at = ?2"
                + " WHERE primary_storage_id = ?3 AND host_id = ?4 AND image_id = ?5").setParameter(1, img.sizeBytes)
                .setParameter(2, Instant.now()).setParameter(3, psId).setParameter(4, scope).setParameter(5, imageId)
                .executeUpdate();
        return new CachedImage(path, true);
    }

    /**
     * Where the host reads the image from (issue 12): the image's own store when it serves the host's zone and is
     * connected, else a Ready copy on a connected store that serves it; the own store when none does.
     */
    private ImageSource source(Image img, StorageHosts.Target host) {
        String zone = hostAccess.host(host.hostId()).zoneId();
        List<ImageCopies.Copy> candidates = new java.util.ArrayList<>();
        candidates.add(new ImageCopies.Copy(img.backupStorageId, img.path, ImageCopies.READY));
        candidates.addAll(copies.of(img.id));
        for (ImageCopies.Copy c : candidates) {
            BackupStorage bs = BackupStorage.findById(c.backupStorageId());
            if (bs != null && ImageCopies.READY.equals(c.status()) && bs.status == BackupStorageStatus.Connected
                    && zones.serves(bs.id, zone)) {
                return new ImageSource(bs.endpoint(secrets), c.path(), img.format, img.sizeBytes, img.sha256);
            }
        }
        BackupStorage own = BackupStorageService.find(img.backupStorageId);
        return new ImageSource(own.endpoint(secrets), img.path, img.format, img.sizeBytes, img.sha256);
    }

    /** The cache path when the image is already Ready in the host's cache (a plain read, no lock). */
    @Transactional
    Optional<String> readyPath(String psId, String hostId, String imageId) {
        String scope = scope(PrimaryStorageService.find(psId), hostId);
        // every VM create asks: plain JDBC
        List<String> paths = sql.flushedColumn("SELECT path FROM image_cache WHERE primary_storage_id = ? AND"
                + " host_id = ? AND image_id = ? AND status = ?", psId, scope, imageId, ImageCache.READY);
        return paths.stream().findFirst();
    }

    /**
     * Whose cache: the host's on Local and iSCSI storage; on other shared storage the storage's own (one copy for every
     * host, its rows carry the storage's id in {@code host_id}).
     */
    static String scope(PrimaryStorage ps, String hostId) {
        return ps.hostCache() ? hostId : ps.id;
    }

    private void removeQuietly(String hostId, String path) {
        try {
            StorageHosts.Target t = hosts.target(hostId);
            t.driver().deleteCachedImage(t.endpoint(), path);
        } catch (Exception ignored) {
            // the reservation failure is what the caller reports
        }
    }

    /**
     * Removes every cached copy of an image from its hosts, returning their space; for {@code image.delete}. Each copy
     * is deleted on its host first, then its row, so a retry finds what is left.
     */
    public void removeAll(String imageId, JobContext ctx) throws DriverException {
        for (ImageCache c : copiesOf(imageId)) {
            StorageHosts.Target t;
            try {
                t = hosts.target(c.hostId.equals(c.primaryStorageId) ? psHosts.anyHost(c.primaryStorageId) : c.hostId);
            } catch (io.nubis.platform.NotFoundException gone) {
                forget(c);
                continue;
            }
            t.driver().deleteCachedImage(t.endpoint(), c.path);
            forget(c);
            ctx.info("removed the cached copy " + c.path + " through host " + t.hostName());
        }
    }

    /**
     * Removes the storage's cached copies that nothing uses (issue 12): no volume made from the image on this storage
     * (and, on Local storage, on that host) and no feature reporting a use of the image ({@link ImageUsage}: VMs made
     * from it, CD-ROM drives). Each copy is checked and removed under its row lock (a VM create that needs it waits,
     * then copies it again); the file goes first, then the row and its reservation. Returns how many went.
     */
    public int removeUnused(String psId, io.nubis.job.JobContext ctx) throws DriverException {
        int removed = 0;
        for (ImageCache c : cachedOn(psId)) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> removeIfUnused(c.id))) {
                    removed++;
                    ctx.info("removed the unused cached copy " + c.path);
                }
            } catch (RuntimeException e) {
                DriverException driver = driverCause(e);
                if (driver != null) {
                    throw driver;
                }
                throw e;
            }
        }
        return removed;
    }

    private boolean removeIfUnused(String cacheId) {
        List<?> locked = em.createNativeQuery("SELECT id FROM image_cache WHERE id = ?1 FOR UPDATE")
                .setParameter(1, cacheId).getResultList();
        ImageCache c = locked.isEmpty() ? null : ImageCache.findById(cacheId);
        if (c == null || !ImageCache.READY.equals(c.status)) {
            return false;
        }
        PrimaryStorage ps = PrimaryStorageService.find(c.primaryStorageId);
        long volumes = !ps.hostCache()
                ? Volume.count("primaryStorageId = ?1 and imageId = ?2", ps.id, c.imageId)
                : Volume.count("primaryStorageId = ?1 and imageId = ?2 and hostId = ?3", ps.id, c.imageId, c.hostId);
        if (volumes > 0 || usages.stream().anyMatch(u -> u.usedBy(c.imageId).isPresent())) {
            return false;
        }
        try {
            StorageHosts.Target t = hosts.target(ps.hostCache() ? c.hostId : psHosts.anyHost(ps.id));
            t.driver().deleteCachedImage(t.endpoint(), c.path);
        } catch (DriverException e) {
            throw new DriverFailure(e);
        } catch (io.nubis.platform.NotFoundException gone) {
            // the host is gone: so is its copy
        }
        ImageCache.delete("id", c.id);
        capacity.release(c.primaryStorageId, c.hostId, c.sizeBytes);
        return true;
    }

    @Transactional
    List<ImageCache> cachedOn(String psId) {
        return ImageCache.list("primaryStorageId", psId);
    }

    @Transactional
    List<ImageCache> copiesOf(String imageId) {
        return ImageCache.list("imageId", imageId);
    }

    @Transactional
    void forget(ImageCache c) {
        if (ImageCache.delete("id", c.id) > 0 && ImageCache.READY.equals(c.status)) {
            capacity.release(c.primaryStorageId, c.hostId, c.sizeBytes);
        }
    }

    private static DriverException driverCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DriverException d) {
                return d;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static boolean lockWaitTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s
                    && (s.getErrorCode() == ER_LOCK_WAIT_TIMEOUT || s.getErrorCode() == ER_LOCK_DEADLOCK)) {
                return true;
            }
            if (t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
