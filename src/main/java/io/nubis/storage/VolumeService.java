package io.nubis.storage;

import io.nubis.driver.DriverException;
import io.nubis.iam.Caller;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.ListOrder;
import io.nubis.platform.Page;
import io.nubis.platform.PageRequest;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;

/**
 * Volumes. {@link #createRootVolume} and {@link #deleteVolume} are the seams the VM workflow calls from its steps,
 * outside transactions (each database write is its own short transaction); the VM job audits the change. Tenants list
 * their own volumes, admins all.
 */
@ApplicationScoped
public class VolumeService {

    /** The orders the volume list may be shown in (newest first by default). */
    public static final ListOrder ORDER = new ListOrder(Map.of("name", "name", "status", "status", "size",
            "sizeBytes", "created", "createdAt"), "createdAt", true);

    @Inject
    VolumeStore store;
    @Inject
    ImageCacheService caches;
    @Inject
    PrimaryStorageHosts psHosts;
    @Inject
    StorageHosts hosts;
    @Inject
    RootPlans plans;

    public Page<VolumeView> list(Caller caller, String vmId, PageRequest pr) {
        return store.list(caller, vmId, pr);
    }

    public VolumeView get(Caller caller, String id) {
        return store.get(caller, id);
    }

    /**
     * The id of the VM's root volume row, whatever its status: the row is written (with the VM's id) before the host is
     * asked for the file, so the rollback of a create interrupted before the VM pointed at its volume finds it.
     */
    public Optional<String> rootVolumeOf(String vmId) {
        return store.rootOf(vmId).map(v -> v.id);
    }

    /**
     * The host path of an ISO for a VM's CD-ROM drive: the image's copy in the host's cache, made if missing (issue 8).
     */
    public String isoPath(String psId, String hostId, String imageId) throws DriverException {
        return caches.ensureCached(psId, hostId, imageId).path();
    }

    /** The primary storage a volume is on; 404 when unknown. */
    public String primaryStorageOf(String volumeId) {
        return store.get(Caller.system(), volumeId).primaryStorageId();
    }

    /** The path of a volume on its host, for a workflow step that only needs that (a view also reads names). */
    public String path(String volumeId) {
        return store.path(volumeId);
    }

    /**
     * Creates the root volume of a VM on a host: prepares the storage on the host if needed, reserves {@code sizeBytes}
     * there, makes sure the image is cached ({@link ImageCacheService#ensureCached}) and clones it (qcow2 backed by the
     * cached image). An ISO image (issue 8) gives a blank qcow2 root disk of {@code sizeBytes} (required) instead, the
     * ISO cached for the VM's CD-ROM drive ({@link #isoPath}); the volume names the ISO as its image. Idempotent per
     * VM: a second call returns the VM's root volume. On failure nothing is left: no file, no row, no reservation.
     *
     * @param owner the VM's owner: must be allowed to use the image (its own or a shared one)
     * @param sizeBytes virtual size; 0 means the image's virtual size; smaller than the image is refused
     * @throws DriverException when a host operation failed
     */
    public VolumeView createRootVolume(Caller owner, String vmId, String psId, String hostId, String imageId,
            long sizeBytes) throws DriverException {
        return createRoot(Validation.start().id("primaryStorageId", psId), owner, vmId, psId, null, hostId, imageId,
                sizeBytes, id -> {
                }, Runnable::run);
    }

    /**
     * {@link #createRootVolume} on the primary storage that new volumes of the host's cluster go to
     * ({@link PrimaryStorageService#idForNewVolume}), chosen in the same read transaction as the rest of the plan.
     * {@code recordInOwner} gets the new volume's id inside the transaction that writes its row (before the host makes
     * the file), so the VM records its root volume in that same commit. {@code markReady} gets the write that marks the
     * volume Ready once the file exists, for the caller to run in a transaction of its own choosing (a job step hands
     * it to {@code JobContext.whenStepRecorded}: one commit less per VM create); until then the returned view says
     * Ready and the row Creating.
     */
    public VolumeView createRootVolumeInCluster(Caller owner, String vmId, String clusterId, String hostId,
            String imageId, long sizeBytes, java.util.function.Consumer<String> recordInOwner,
            java.util.function.Consumer<Runnable> markReady) throws DriverException {
        return createRoot(Validation.start().id("clusterId", clusterId), owner, vmId, null, clusterId, hostId, imageId,
                sizeBytes, recordInOwner, markReady);
    }

    /**
     * Both ways in; {@code where} holds the check of the caller's own id (storage or cluster), reported with the rest.
     */
    private VolumeView createRoot(Validation where, Caller owner, String vmId, String chosenPs, String clusterId,
            String hostId, String imageId, long sizeBytes, java.util.function.Consumer<String> recordInOwner,
            java.util.function.Consumer<Runnable> markReady) throws DriverException {
        where.id("vmId", vmId).id("hostId", hostId).id("imageId", imageId).throwIfAny();
        RootStart start = rootStart(owner, vmId, chosenPs, clusterId, hostId, imageId, sizeBytes, recordInOwner);
        RootPlan plan = start.plan();
        String psId = plan.primaryStorageId();
        Optional<Volume> existing = plan.existing();
        if (plan.ready().isPresent()) {
            return store.get(Caller.system(), plan.ready().get().id);
        }
        ImageService.UsableImage image = plan.image();
        boolean blank = plan.blank();
        if (!plan.prepared()) {
            psHosts.prepareHost(psId, hostId);
        }
        Volume vol = start.begun() != null
                ? start.begun()
                : existing.orElseGet(() -> store.begin(owner.accountId(), vmId, psId, plan.primaryStoragePath(),
                        hostId, imageId, start.sizeBytes(), recordInOwner));
        StorageHosts.Target t = null;
        try {
            String cachePath = plan.cachedPath().isPresent()
                    ? plan.cachedPath().get()
                    : caches.ensureCached(psId, hostId, imageId).path();
            t = plan.target();
            if (blank) {
                t.driver().createDataVolume(t.endpoint(), vol.path, vol.sizeBytes);
            } else {
                t.driver().createRootVolume(t.endpoint(), cachePath, vol.path, vol.sizeBytes);
            }
            String volumeId = vol.id;
            markReady.accept(() -> store.markReady(volumeId));
            return new VolumeView(vol.id, vol.name, vol.type, VolumeStatus.Ready, vol.accountId, vol.vmId, psId,
                    plan.primaryStorageName(), hostId, plan.hostName(), imageId, image.name(), vol.path,
                    vol.sizeBytes, vol.createdAt, java.time.Instant.now(), null, null, null, null);
        } catch (io.nubis.platform.SimulatedCrash crash) {
            throw crash; // crash tests: a dead process cleans nothing up; the job's rollback must (issue 7)
        } catch (DriverException | RuntimeException e) {
            if (t != null) {
                try {
                    t.driver().deleteVolume(t.endpoint(), vol.path);
                } catch (DriverException | RuntimeException ignored) {
                    // the driver removes a half-made volume itself; this is belt and braces
                }
            }
            store.forget(vol.id);
            throw e;
        }
    }

    /** The plan, the root volume's size, and the volume row when {@link #rootStart} could begin it at once. */
    record RootStart(RootPlan plan, long sizeBytes, Volume begun) {
    }

    /**
     * The plan ({@link #rootPlan}) and the checks of the size; on the usual path (the storage is prepared on the host,
     * the VM has no root volume row yet) the row is begun ({@link VolumeStore#begin}) in the same transaction, before
     * any host is asked for anything. Otherwise {@code begun} is null and the caller prepares the host first.
     */
    @Transactional
    RootStart rootStart(Caller owner, String vmId, String chosenPs, String clusterId, String hostId, String imageId,
            long sizeBytes, java.util.function.Consumer<String> recordInOwner) throws DriverException {
        RootPlan plan = rootPlan(owner, vmId, chosenPs, clusterId, hostId, imageId);
        Optional<Volume> existing = plan.existing();
        if (plan.ready().isPresent()) {
            return new RootStart(plan, plan.ready().get().sizeBytes, null);
        }
        ImageService.UsableImage image = plan.image();
        boolean blank = plan.blank();
        if (blank && sizeBytes <= 0) {
            throw new InvalidInputException("imageId",
                    Text.of(StorageMessages.class, m -> m.error_image_not_bootable(image.name())));
        }
        long size = sizeBytes <= 0 ? image.virtualSizeBytes() : sizeBytes;
        if (!blank && size < image.virtualSizeBytes()) {
            throw new InvalidInputException("sizeBytes",
                    Text.of(StorageMessages.class, m -> m.error_volume_too_small(image.virtualSizeBytes())));
        }
        Volume begun = null;
        if (existing.isEmpty() && plan.prepared()) {
            // the plan read the image under its share lock, in this transaction
            VolumeStore.requireReady(imageId, image.name(), image.status());
            begun = store.beginLocked(owner.accountId(), vmId, plan.primaryStorageId(), plan.primaryStoragePath(),
                    hostId, imageId, size, recordInOwner);
        }
        return new RootStart(plan, size, begun);
    }

    /** What a root volume create reads before it acts, in one read transaction (issue 7, part 4). */
    record RootPlan(Optional<Volume> existing, ImageService.UsableImage image, String primaryStorageId,
            String primaryStorageName,
            String primaryStoragePath,
            boolean prepared,
            Optional<String> cachedPath, StorageHosts.Target target, String hostName) {

        /** The VM's root volume when it is already made (a step run again): nothing to do. */
        Optional<Volume> ready() {
            return existing.filter(v -> v.status == VolumeStatus.Ready);
        }

        /** Whether the root disk is blank (the VM boots from an ISO) instead of a clone of the image. */
        boolean blank() {
            return "iso".equals(image.format());
        }
    }

    /**
     * The VM's root volume row if any, the image (as the owner may use it, share-locked), whether the storage is
     * prepared on the host and the image cached there, and the host ({@link RootPlans}).
     */
    @Transactional
    RootPlan rootPlan(Caller owner, String vmId, String chosenPs, String clusterId, String hostId, String imageId)
            throws DriverException {
        return plans.read(owner, vmId, chosenPs, clusterId, hostId, imageId);
    }

    /**
     * A step of a volume growth (the VM that uses it stopped): the new size is recorded and its extra space reserved on
     * the host in one transaction, then the file is grown. Idempotent. A crash anywhere is undone by
     * {@link #undoGrowth}, which reads what was done from the row and the file.
     *
     * @throws StorageFullException when the host's storage cannot hold the growth
     * @throws DriverException when the host could not resize the file
     */
    public void growVolume(String volumeId, long sizeBytes) throws DriverException {
        growVolume(volumeId, sizeBytes, null);
    }

    /** How a running VM grows one of its disks at once ({@code VmDriver.growDisk}); false when it is not running. */
    @FunctionalInterface
    public interface LiveGrowth {

        boolean grow(String path, long sizeBytes) throws DriverException;
    }

    /**
     * {@link #growVolume(String, long)} for a volume a VM may be running with: {@code live} grows it in the running VM
     * (the guest sees it at once); when the VM is not running the file is grown here. The record comes first either
     * way, so the rollback finds it.
     */
    public void growVolume(String volumeId, long sizeBytes, LiveGrowth live) throws DriverException {
        Volume v = store.recordGrowth(volumeId, sizeBytes);
        if (live != null && live.grow(v.path, sizeBytes)) {
            return;
        }
        StorageHosts.Target t = hosts.target(v.hostId);
        t.driver().resizeVolume(t.endpoint(), v.path, sizeBytes);
    }

    /**
     * The rollback of {@link #growVolume}: the file back to {@code oldSize} (no guest has seen the growth), then the
     * row and the reservation. Idempotent: does nothing when the volume is not larger than {@code oldSize}.
     */
    public void undoGrowth(String volumeId, long oldSize) throws DriverException {
        Optional<Volume> v = store.find(volumeId);
        if (v.isEmpty() || v.get().sizeBytes <= oldSize) {
            return;
        }
        StorageHosts.Target t = hosts.target(v.get().hostId);
        t.driver().resizeVolume(t.endpoint(), v.get().path, oldSize);
        store.forgetGrowth(volumeId, oldSize);
    }

    /**
     * The virtual size of a volume in bytes, for a request that changes it; 404 when unknown, 409 for a volume on an
     * iSCSI LUN (its size is the LUN's).
     */
    public long sizeOf(String volumeId) {
        IscsiLuns.refuseLun(store.path(volumeId));
        return store.get(Caller.system(), volumeId).sizeBytes();
    }

    /**
     * Deletes a volume: its file on the host, its reservation and its row. Idempotent: an unknown volume is success.
     *
     * @throws DriverException when the host could not delete the file (the volume stays, Deleting, for a retry)
     */
    public void deleteVolume(String volumeId) throws DriverException {
        Optional<VolumeStore.Deleting> deleting = store.markDeleting(volumeId);
        if (deleting.isEmpty()) {
            return;
        }
        Volume vol = deleting.get().volume();
        if (deleting.get().neverReady() && io.nubis.driver.IscsiLocation.isIscsi(vol.path)) {
            // a LUN is zeroed before it becomes a volume: one no guest saw holds nothing to erase, so a rollback
            // gives it back even while the target is down
            store.forget(volumeId);
            return;
        }
        StorageHosts.Target t = psHosts.volumeHost(vol);
        if (t != null) {
            t.driver().deleteVolume(t.endpoint(), vol.path);
        }
        store.forget(volumeId);
    }

    /**
     * Names of the VM's volumes (root and data) on storage only one host sees (Local): a VM with any cannot move live
     * (issue 12). Empty when every volume is on shared storage.
     */
    @Transactional
    public java.util.List<String> hostBoundVolumes(String vmId) {
        return Volume.<Volume>list("vmId = ?1 and primaryStorageId in (select p.id from PrimaryStorage p"
                + " where p.type = ?2) order by name", vmId, PrimaryStorage.LOCAL).stream().map(v -> v.name).toList();
    }

    /** The guests (VM ids) with a volume on the primary storage. */
    @Transactional
    public java.util.List<String> guestsOn(String psId) {
        return Volume.<Volume>list("primaryStorageId = ?1 and vmId is not null", psId).stream().map(v -> v.vmId)
                .distinct().sorted().toList();
    }

    /**
     * Names of the primary storages in (or going into) maintenance that hold volumes of the VM: it must not start while
     * there are any (issue 12).
     */
    @Transactional
    public java.util.List<String> storageInMaintenance(String vmId) {
        return PrimaryStorage.<PrimaryStorage>list("id in (select v.primaryStorageId from Volume v where v.vmId = ?1)"
                + " and state in ?2 order by name", vmId,
                java.util.List.of(PrimaryStorage.MAINTENANCE, PrimaryStorage.PRE_MAINTENANCE)).stream()
                .map(p -> p.name).toList();
    }

    /** After a live migration: the VM's volumes are reached through its new host. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moveToHost(String vmId, String hostId) {
        Volume.update("hostId = ?1, updatedAt = ?2 where vmId = ?3", hostId, java.time.Instant.now(), vmId);
    }
}
