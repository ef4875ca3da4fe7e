package io.nubis.storage;

import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Audited;
import io.nubis.iam.Caller;
import io.nubis.iam.QuotaKind;
import io.nubis.iam.QuotaService;
import io.nubis.job.Accepted;
import io.nubis.job.JobRequest;
import io.nubis.job.JobService;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Rows;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Volume snapshots (issue 8), the requests: take one, revert a volume to one, delete one, make a new volume from one;
 * each a job. Snapshots are internal qcow2 snapshots in the volume's file (docs/storage.md says why). In the request's
 * transaction the volume row is locked, the snapshot row is written or marked busy and any space is reserved, so every
 * step's rollback and the job's end find what the job was about to do. A job on a volume attached to a VM runs on the
 * VM ({@link VolumeHolder}), so it takes its turn with the VM's power and volume jobs; on a detached volume it runs on
 * the volume, whose snapshots' states keep attach, grow and delete away meanwhile ({@link #busy}).
 */
@ApplicationScoped
public class SnapshotService {

    static final String TYPE = "snapshot";
    /** At most this many snapshots per volume (qcow2 allows more; each one holds space and slows writes a little). */
    public static final int MAX_PER_VOLUME = 32;

    @Inject
    EntityManager em;
    @Inject
    LocalStorageCapacity capacity;
    @Inject
    VolumeStore volumes;
    @Inject
    VolumeHolder holders;
    @Inject
    JobService jobs;
    @Inject
    AuditLog audit;
    @Inject
    SnapshotViews views;
    @Inject
    ImageService images;
    @Inject
    QuotaService quotas;

    /** Takes a snapshot of a volume (job {@code volume.snapshot}): its row Creating, its space reserved. */
    @Audited("snapshot.create")
    @Transactional
    public Accepted<SnapshotView> create(Caller caller, String volumeId, SnapshotInput in) {
        checkName(in);
        Validation v = Validation.start();
        Locked l = lock(caller, volumeId, VolumeHolder.Use.SNAPSHOT);
        Volume vol = l.volume();
        requireIdle(vol);
        IscsiLuns.refuseLun(vol.path);
        String name = in.name().trim();
        v.check(Rows.count(VolumeSnapshot.class, "volumeId = ?1 and name = ?2", vol.id, name) == 0, "name",
                Text.of(StorageMessages.class, m -> m.error_snapshot_name_taken(name))).throwIfAny();
        if (Rows.count(VolumeSnapshot.class, "volumeId = ?1", vol.id) >= MAX_PER_VOLUME) {
            throw new ConflictException(
                    Text.of(StorageMessages.class, m -> m.error_too_many_snapshots(vol.name, MAX_PER_VOLUME)));
        }
        quotas.require(vol.accountId, Map.of(QuotaKind.SNAPSHOTS, 1L));
        capacity.reserve(vol.primaryStorageId, vol.hostId, vol.sizeBytes);
        Instant now = Instant.now();
        VolumeSnapshot s = new VolumeSnapshot();
        s.id = Ids.newId();
        s.volumeId = vol.id;
        s.parentId = vol.currentSnapshotId;
        s.accountId = vol.accountId;
        s.name = name;
        s.description = Validation.blankToNull(in.description());
        s.status = SnapshotStatus.Creating;
        s.sizeBytes = vol.sizeBytes;
        s.createdAt = now;
        s.updatedAt = now;
        s.persist();
        // the parent of the next one, asked maybe before this job ran (a failure puts the parent back)
        vol.currentSnapshotId = s.id;
        vol.updatedAt = now;
        return submit(caller, SnapshotWorkflows.Create.TYPE, l.on(), s, Map.of());
    }

    /**
     * Reverts the volume to the snapshot (job {@code volume.revert-snapshot}); its VM must be stopped. The volume takes
     * the snapshot's size: a larger one (the volume was reverted to an older, smaller snapshot since) reserves the
     * difference now, a smaller one gives the difference back when the job is done.
     */
    @Audited("snapshot.revert")
    @Transactional
    public Accepted<SnapshotView> revert(Caller caller, String snapshotId) {
        Held h = hold(caller, snapshotId, VolumeHolder.Use.REVERT, false);
        VolumeSnapshot s = h.snapshot();
        Volume vol = h.volume();
        Map<String, String> params = Map.of("fromBytes", Long.toString(vol.sizeBytes));
        if (s.sizeBytes > vol.sizeBytes) {
            capacity.reserve(vol.primaryStorageId, vol.hostId, s.sizeBytes - vol.sizeBytes);
            vol.sizeBytes = s.sizeBytes;
            vol.updatedAt = Instant.now();
        }
        s.status = SnapshotStatus.Reverting;
        return submit(caller, SnapshotWorkflows.Revert.TYPE, h.on(), s, params);
    }

    /** Deletes the snapshot (job {@code volume.delete-snapshot}); its children become its parent's. */
    @Audited("snapshot.delete")
    @Transactional
    public Accepted<SnapshotView> delete(Caller caller, String snapshotId) {
        Held h = hold(caller, snapshotId, VolumeHolder.Use.SNAPSHOT, false);
        h.snapshot().status = SnapshotStatus.Deleting;
        return submit(caller, SnapshotWorkflows.Delete.TYPE, h.on(), h.snapshot(), Map.of());
    }

    /**
     * Makes a new data volume from the snapshot (job {@code volume.from-snapshot}): detached, on the volume's host, of
     * the volume's current size (reserved now). 409 when the snapshot is larger than the volume is now (qemu-img reads
     * a snapshot only up to the volume's current size).
     */
    @Audited("snapshot.to-volume")
    @Transactional
    public Accepted<SnapshotView> toVolume(Caller caller, String snapshotId, SnapshotInput in) {
        checkName(in);
        Held h = hold(caller, snapshotId, VolumeHolder.Use.SNAPSHOT, true);
        VolumeSnapshot s = h.snapshot();
        Volume vol = h.volume();
        quotas.require(vol.accountId, Map.of(QuotaKind.DATA_VOLUMES, 1L, QuotaKind.VOLUME_GIB,
                QuotaKind.gib(vol.sizeBytes)));
        capacity.reserve(vol.primaryStorageId, vol.hostId, vol.sizeBytes);
        Volume copy = volumes.beginCopy(vol, in.name().trim(), Validation.blankToNull(in.description()));
        s.status = SnapshotStatus.Copying;
        return submit(caller, SnapshotWorkflows.ToVolume.TYPE, h.on(), s, Map.of("newVolumeId", copy.id));
    }

    /**
     * Makes an image from the snapshot (job {@code image.from-volume}): a standalone qcow2 copy on the host, streamed
     * into a backup storage (the chosen one, or the connected one with the most space; either must serve the volume's
     * zone), then Ready. 400 per field as for an upload; 409 when the snapshot is busy or larger than its volume is
     * now.
     */
    @Audited("snapshot.to-image")
    @Transactional
    public Accepted<ImageView> toImage(Caller caller, String snapshotId, ImageInput in) {
        Held h = hold(caller, snapshotId, VolumeHolder.Use.SNAPSHOT, true);
        if (io.nubis.driver.RbdLocation.isRbd(h.volume().path)) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_ceph_volume_image()));
        }
        Image img = images.beginExport(caller, in, "snapshot:" + h.snapshot().id, zoneOf(h.volume()));
        h.snapshot().status = SnapshotStatus.Copying;
        h.snapshot().updatedAt = Instant.now();
        return export(caller, h.on(), img, h.volume(), h.snapshot().id);
    }

    /**
     * Makes an image from a volume as it is (job {@code image.from-volume}): its VM must be stopped (a snapshot gives
     * an image of a running one). 409 otherwise.
     */
    @Audited("volume.to-image")
    @Transactional
    public Accepted<ImageView> volumeToImage(Caller caller, String volumeId, ImageInput in) {
        Locked l = lock(caller, volumeId, VolumeHolder.Use.REVERT);
        requireIdle(l.volume());
        IscsiLuns.refuseLun(l.volume().path);
        if (io.nubis.driver.RbdLocation.isRbd(l.volume().path)) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_ceph_volume_image()));
        }
        Image img = images.beginExport(caller, in, "volume:" + l.volume().id, zoneOf(l.volume()));
        return export(caller, l.on(), img, l.volume(), null);
    }

    /** The zone of the volume's primary storage (null when it has none). */
    private static String zoneOf(Volume vol) {
        PrimaryStorage ps = vol.primaryStorageId == null ? null : PrimaryStorage.findById(vol.primaryStorageId);
        return ps == null ? null : ps.zoneId;
    }

    private Accepted<ImageView> export(Caller caller, VolumeHolder.JobResource on, Image img, Volume vol,
            String snapshotId) {
        Map<String, String> params = new HashMap<>();
        params.put("imageId", img.id);
        params.put("volumeId", vol.id);
        if (snapshotId != null) {
            params.put("snapshotId", snapshotId);
        }
        String jobId = jobs.submit(caller,
                new JobRequest(ImageExportWorkflow.TYPE, on.type(), on.id(), on.name(), img.accountId, params));
        audit.accepted(caller, ImageExportWorkflow.TYPE, AuditTarget.of(ImageService.TYPE, img.id, img.name,
                img.accountId), jobId);
        em.flush();
        return new Accepted<>(images.get(caller, img.id), jobId);
    }

    /** A volume's snapshots, as a tree (each parent before its children, siblings as taken); 404 for others'. */
    @Transactional
    public List<SnapshotView> list(Caller caller, String volumeId) {
        Volume vol = Ids.isValid(volumeId) ? Volume.findById(volumeId) : null;
        if (vol == null || !caller.canAccess(vol.accountId)) {
            throw new NotFoundException("volume", volumeId);
        }
        return views.tree(vol, VolumeSnapshot.list("volumeId = ?1 order by seq", vol.id));
    }

    @Transactional
    public SnapshotView get(Caller caller, String snapshotId) {
        VolumeSnapshot s = Ids.isValid(snapshotId) ? VolumeSnapshot.findById(snapshotId) : null;
        if (s == null || !caller.canAccess(s.accountId)) {
            throw new NotFoundException(TYPE, snapshotId);
        }
        return views.tree(Volume.findById(s.volumeId), VolumeSnapshot.list("volumeId = ?1 order by seq",
                s.volumeId)).stream().filter(x -> x.id().equals(s.id)).findFirst().orElseThrow();
    }

    /**
     * Whether a job works on one of the volume's snapshots (a detached volume is then not to be attached, grown or
     * deleted: 409). Called inside the caller's transaction, with the volume locked.
     */
    public static boolean busy(String volumeId) {
        return Rows.count(VolumeSnapshot.class, "volumeId = ?1 and status <> ?2", volumeId,
                SnapshotStatus.Ready) > 0;
    }

    private Accepted<SnapshotView> submit(Caller caller, String type, VolumeHolder.JobResource on, VolumeSnapshot s,
            Map<String, String> extra) {
        s.updatedAt = Instant.now();
        Map<String, String> params = new HashMap<>(extra);
        params.put("snapshotId", s.id);
        params.put("volumeId", s.volumeId);
        String jobId = jobs.submit(caller, new JobRequest(type, on.type(), on.id(), on.name(), s.accountId, params));
        audit.accepted(caller, type, AuditTarget.of(TYPE, s.id, s.name, s.accountId), jobId);
        em.flush();
        return new Accepted<>(get(caller, s.id), jobId);
    }

    /** A snapshot with its volume locked for the request, both able to take it, and the job's resource. */
    private record Held(VolumeSnapshot snapshot, Volume volume, VolumeHolder.JobResource on) {
    }

    /**
     * The snapshot the caller may see (404 otherwise), its volume locked ({@link #lock}), both free for a new request
     * (409 otherwise); with {@code wholeVolume}, a snapshot larger than its volume is now is refused too (a copy reads
     * only up to the volume's current size).
     */
    private Held hold(Caller caller, String snapshotId, VolumeHolder.Use use, boolean wholeVolume) {
        VolumeSnapshot s = visible(caller, snapshotId);
        Locked l = lock(caller, s.volumeId, use);
        em.refresh(s);
        requireIdle(l.volume());
        requireReady(s);
        if (wholeVolume && s.sizeBytes > l.volume().sizeBytes) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_snapshot_larger(s.name)));
        }
        return new Held(s, l.volume(), l.on());
    }

    /** A name (required) and an optional description; 400 per field. */
    private static void checkName(SnapshotInput in) {
        Validation v = Validation.start();
        v.required("name", in == null ? null : in.name()).throwIfAny();
        v.name("name", in.name()).maxLength("description", in.description(), Validation.MAX_DESCRIPTION)
                .throwIfAny();
    }

    /** A volume locked for the request, and the resource its job runs on. */
    private record Locked(Volume volume, VolumeHolder.JobResource on) {
    }

    /**
     * Locks what a snapshot job needs, in the order every VM request takes them (the VM the volume is attached to, its
     * state checked, then the volume), so two requests never wait for each other; the volume must still be on that VM
     * once locked (409 otherwise). 404 for a volume the caller may not see.
     */
    private Locked lock(Caller caller, String volumeId, VolumeHolder.Use use) {
        Volume vol = Ids.isValid(volumeId) ? Volume.findById(volumeId) : null;
        if (vol == null || !caller.canAccess(vol.accountId)) {
            throw new NotFoundException("volume", volumeId);
        }
        String vmId = vol.vmId;
        VolumeHolder.JobResource on = vmId != null
                ? holders.lock(caller, vmId, use)
                : new VolumeHolder.JobResource(DataVolumeService.TYPE, vol.id, vol.name);
        StorageLocks.lockRow(em, "volume", vol.id);
        em.refresh(vol);
        if (!java.util.Objects.equals(vmId, vol.vmId)) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_volume_busy(vol.name)));
        }
        return new Locked(vol, on);
    }

    /**
     * The volume takes snapshot requests: Ready. Snapshot jobs of one volume run one at a time on one resource, so one
     * may be asked while another waits.
     */
    private static void requireIdle(Volume vol) {
        if (vol.status != VolumeStatus.Ready) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_volume_busy(vol.name)));
        }
    }

    private static void requireReady(VolumeSnapshot s) {
        if (s.status != SnapshotStatus.Ready) {
            throw new ConflictException(
                    Text.of(StorageMessages.class, m -> m.error_snapshot_busy(s.name, s.status.name())));
        }
    }

    /** The snapshot when the caller may see it; 404 otherwise. */
    private static VolumeSnapshot visible(Caller caller, String snapshotId) {
        VolumeSnapshot s = Ids.isValid(snapshotId) ? VolumeSnapshot.findById(snapshotId) : null;
        if (s == null || !caller.canAccess(s.accountId)) {
            throw new NotFoundException(TYPE, snapshotId);
        }
        return s;
    }
}
