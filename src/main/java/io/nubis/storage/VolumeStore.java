package io.nubis.storage;

import io.nubis.platform.Text;
import io.nubis.iam.Caller;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Page;
import io.nubis.platform.PageRequest;
import io.nubis.platform.Rows;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Volume rows: each write its own short transaction, for {@link VolumeService}'s steps. */
@ApplicationScoped
@Transactional
public class VolumeStore {

    static final String TYPE = "volume";

    @Inject
    LocalStorageCapacity capacity;
    @Inject
    EntityManager em;
    @Inject
    io.nubis.platform.Sql sql;
    @Inject
    IscsiLuns luns;
    @Inject
    io.nubis.compute.HostAccess hostAccess;

    /** The VM's root volume, if one was started before (a retried VM step finds it). */
    public Optional<Volume> rootOf(String vmId) {
        // every VM create asks, and almost always finds none: the id by plain JDBC, the entity only when there is one
        List<String> ids = sql.flushedColumn("SELECT id FROM volume WHERE vm_id = ? AND type = ? LIMIT 1", vmId,
                Volume.ROOT);
        return ids.isEmpty() ? Optional.empty() : Optional.ofNullable(Volume.findById(ids.get(0)));
    }

    /**
     * Inserts the volume as Creating and reserves its size on the host, in one transaction; the image is locked in
     * share mode so it cannot start being deleted meanwhile. {@code recordInOwner} gets the new id inside the same
     * transaction.
     */
    public Volume begin(String accountId, String vmId, String psId, String psPath, String hostId, String imageId,
            long sizeBytes, java.util.function.Consumer<String> recordInOwner) {
        // the image's status under a share lock (an image delete waits for this transaction): one statement, plain
        // JDBC (once per VM create; the transaction changes no image entity)
        List<Object[]> img = sql.query("SELECT status, name FROM image WHERE id = ? LOCK IN SHARE MODE", imageId);
        requireReady(imageId, img.isEmpty() ? null : (String) img.get(0)[1],
                img.isEmpty() ? null : ImageStatus.valueOf((String) img.get(0)[0]));
        return beginLocked(accountId, vmId, psId, psPath, hostId, imageId, sizeBytes, recordInOwner);
    }

    /** 409 unless the image (null name: not found) is Ready. */
    static void requireReady(String imageId, String name, ImageStatus status) {
        if (name == null || status != ImageStatus.Ready) {
            throw new ConflictException(Text.of(StorageMessages.class,
                    m -> m.error_image_not_ready(name == null ? imageId : name, name == null ? "missing" : status)));
        }
    }

    /**
     * {@link #begin} in a transaction that holds the image's share lock already and found it Ready. The row by plain
     * JDBC (once per VM create): the transaction holds no volume entity.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Volume beginLocked(String accountId, String vmId, String psId, String psPath, String hostId, String imageId,
            long sizeBytes, java.util.function.Consumer<String> recordInOwner) {
        capacity.reserve(psId, hostId, sizeBytes);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Volume v = new Volume();
        v.id = Ids.newId();
        v.name = "root-" + (vmId == null ? v.id : vmId).substring(0, 8);
        v.type = Volume.ROOT;
        v.status = VolumeStatus.Creating;
        v.accountId = accountId;
        v.vmId = vmId;
        v.primaryStorageId = psId;
        v.hostId = hostId;
        v.imageId = imageId;
        v.path = location(psId, psPath, v.id, sizeBytes);
        v.sizeBytes = sizeBytes;
        v.createdAt = now;
        v.updatedAt = now;
        sql.update("INSERT INTO volume (id, name, type, status, account_id, vm_id, primary_storage_id, host_id,"
                + " image_id, path, size_bytes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.id, v.name, v.type, v.status.name(), v.accountId, v.vmId, v.primaryStorageId, v.hostId, v.imageId,
                v.path, v.sizeBytes, v.createdAt, v.updatedAt);
        recordInOwner.accept(v.id);
        return v;
    }

    /**
     * Where a new volume goes, in the transaction that inserts its row: a file named by its id, or on iSCSI storage
     * ({@code root} an {@code iscsi://} target) a free LUN of at least {@code sizeBytes}, taken for it.
     *
     * @throws StorageFullException when no LUN is free and large enough
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String location(String psId, String root, String volumeId, long sizeBytes) {
        return io.nubis.driver.IscsiLocation.isIscsi(root)
                ? luns.assign(PrimaryStorageService.find(psId), volumeId, sizeBytes)
                : StoragePaths.volume(root, volumeId);
    }

    /**
     * One UPDATE, no read first, plain JDBC (once per VM create, in the job's progress transaction, which holds no
     * volume entity; an HQL update rebuilt its SQL on every call).
     */
    public void markReady(String id) {
        sql.update("UPDATE volume SET status = ?, updated_at = ? WHERE id = ?", VolumeStatus.Ready.name(),
                Instant.now(),
                id);
    }

    /** A volume marked Deleting, and whether it was still being made (no guest ever saw it). */
    public record Deleting(Volume volume, boolean neverReady) {
    }

    /** Marks the volume Deleting; returns it, or empty when it does not exist (delete is idempotent). */
    public Optional<Deleting> markDeleting(String id) {
        Volume v = id == null ? null : Volume.findById(id);
        if (v == null) {
            return Optional.empty();
        }
        boolean neverReady = v.status == VolumeStatus.Creating;
        v.status = VolumeStatus.Deleting;
        v.updatedAt = Instant.now();
        return Optional.of(new Deleting(v, neverReady));
    }

    /**
     * Records a growth to {@code newSize}: reserves the difference on the volume's host and writes the new size, in one
     * transaction, so the row itself is what a rollback reads. Idempotent: a volume already that large is returned
     * unchanged.
     *
     * @throws StorageFullException when the host's storage cannot hold the difference (nothing changes)
     */
    public Volume recordGrowth(String id, long newSize) {
        StorageLocks.lockRow(em, "volume", id);
        Volume v = Volume.findById(id);
        if (v == null) {
            throw new NotFoundException(TYPE, id);
        }
        if (v.sizeBytes < newSize) {
            capacity.reserve(v.primaryStorageId, v.hostId, newSize - v.sizeBytes);
            v.sizeBytes = newSize;
            v.updatedAt = Instant.now();
        }
        return v;
    }

    /**
     * Undoes {@link #recordGrowth}: gives back what the row holds above {@code oldSize} and writes it back. Idempotent;
     * empty when the volume is gone.
     */
    public Optional<Volume> forgetGrowth(String id, long oldSize) {
        StorageLocks.lockRow(em, "volume", id);
        Volume v = Volume.findById(id);
        if (v != null && v.sizeBytes > oldSize) {
            capacity.release(v.primaryStorageId, v.hostId, v.sizeBytes - oldSize);
            v.sizeBytes = oldSize;
            v.updatedAt = Instant.now();
        }
        return Optional.ofNullable(v);
    }

    /** The volume row, or empty. */
    public Optional<Volume> find(String id) {
        return Optional.ofNullable(id == null ? null : Volume.findById(id));
    }

    /** Removes the row (its snapshots' rows go with it) and gives its and its snapshots' space back to the host. */
    public void forget(String id) {
        StorageLocks.lockRow(em, "volume", id);
        Volume v = Volume.findById(id);
        if (v != null) {
            Number snapshots = (Number) em
                    .createNativeQuery("SELECT COALESCE(SUM(size_bytes), 0) FROM volume_snapshot WHERE volume_id = ?1")
                    .setParameter(1, id).getSingleResult();
            capacity.release(v.primaryStorageId, v.hostId, v.sizeBytes + snapshots.longValue());
            if (io.nubis.driver.IscsiLocation.isIscsi(v.path)) {
                luns.release(v.primaryStorageId, v.id);
            }
            v.delete();
        }
    }

    /**
     * A new data volume (Creating, detached) for a copy of {@code source}'s snapshot, in the caller's transaction: on
     * the same storage and host, of the source's size; the caller reserved the space.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Volume beginCopy(Volume source, String name, String description) {
        Instant now = Instant.now();
        Volume v = new Volume();
        v.id = Ids.newId();
        v.name = name;
        v.description = description;
        v.type = Volume.DATA;
        v.status = VolumeStatus.Creating;
        v.accountId = source.accountId;
        v.primaryStorageId = source.primaryStorageId;
        v.hostId = source.hostId;
        v.path = location(source.primaryStorageId, PrimaryStorageService.find(source.primaryStorageId).root(), v.id,
                source.sizeBytes);
        v.sizeBytes = source.sizeBytes;
        v.createdAt = now;
        v.updatedAt = now;
        v.persist();
        return v;
    }

    public Page<VolumeView> list(Caller caller, String vmId, PageRequest pr) {
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        if (!caller.admin()) {
            where.add("accountId = :acc");
            p.and("acc", caller.accountId());
        }
        if (vmId != null && !vmId.isBlank()) {
            where.add("vmId = :vm");
            p.and("vm", vmId.trim());
        }
        Sort sort = VolumeService.ORDER.sort(pr);
        PanacheQuery<Volume> q = where.isEmpty()
                ? Volume.findAll(sort)
                : Volume.find(String.join(" and ", where), sort, p);
        return new Page<>(views(caller, q.page(pr.page() - 1, pr.size()).list()), pr.page(), pr.size(),
                where.isEmpty() ? Volume.count() : Volume.count(String.join(" and ", where), p));
    }

    public String path(String id) {
        Volume v = id == null ? null : Volume.findById(id);
        if (v == null) {
            throw new NotFoundException(TYPE, id);
        }
        return v.path;
    }

    public VolumeView get(Caller caller, String id) {
        Volume v = id == null ? null : Volume.findById(id);
        if (v == null || !caller.canAccess(v.accountId)) {
            throw new NotFoundException(TYPE, id);
        }
        return views(caller, List.of(v)).get(0);
    }

    List<VolumeView> views(Caller caller, List<Volume> volumes) {
        if (volumes.isEmpty()) {
            return List.of();
        }
        Map<String, String> hosts = caller.admin()
                ? hostAccess.names(volumes.stream().map(v -> v.hostId).distinct().toList())
                : Map.of();
        Map<String, String> ps = Rows.valueById(PrimaryStorage.class,
                volumes.stream().map(v -> v.primaryStorageId).toList(), s -> s.name);
        List<String> imageIds = volumes.stream().map(v -> v.imageId).filter(i -> i != null).distinct().toList();
        Map<String, String> images = Rows.valueById(Image.class, imageIds, i -> i.name);
        return volumes.stream().map(v -> new VolumeView(v.id, v.name, v.type, v.status, v.accountId, v.vmId,
                caller.admin() ? v.primaryStorageId : null, caller.admin() ? ps.get(v.primaryStorageId) : null,
                caller.admin() ? v.hostId : null, hosts.get(v.hostId), v.imageId, images.get(v.imageId),
                caller.admin() ? v.path : null, v.sizeBytes, v.createdAt, v.updatedAt, v.description, v.deviceIndex,
                v.diskOfferingId, v.currentSnapshotId)).toList();
    }
}
