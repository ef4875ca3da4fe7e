package io.nubis.storage;

import io.nubis.driver.DataDisk;
import io.nubis.driver.DriverException;
import io.nubis.iam.AccessControl;
import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Audited;
import io.nubis.iam.Caller;
import io.nubis.iam.QuotaKind;
import io.nubis.iam.QuotaService;
import io.nubis.job.Accepted;
import io.nubis.job.JobRequest;
import io.nubis.job.JobService;
import io.nubis.offering.DiskOfferingService;
import io.nubis.offering.DiskOfferingView;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Data volumes (issue 8): empty qcow2 disks a tenant adds to a VM, detaches, attaches to another VM and deletes.
 *
 * <p>
 * A data volume is made for a VM and placed on the local primary storage of that VM's host: Local storage exists per
 * host, so a volume placed anywhere else could never be attached to the VM, and a volume nobody placed yet would need a
 * second placement decision at its first attach. Once detached it can be attached again to any VM of its account on the
 * same host (409 naming the reason otherwise); shared storage (issue 12) will lift that limit. At most
 * {@link DataDisk#MAX_INDEX} data volumes per VM; each keeps its device index (vdb..vdi) while attached.
 *
 * <p>
 * The VM feature runs the jobs that touch a VM ({@code vm.add-volume}, {@code vm.attach-volume},
 * {@code vm.detach-volume}) and calls the methods here from its request transaction and its steps; deleting a detached
 * volume is this feature's own job ({@code volume.delete}). The row is written (Creating, with its space reserved on
 * the host) in the request's transaction, so every step's rollback and the job's failure handler find it.
 */
@ApplicationScoped
public class DataVolumeService {

    static final String TYPE = "volume";
    public static final int MAX_SIZE_GIB = DiskOfferingService.MAX_SIZE_GIB;

    @Inject
    EntityManager em;
    @Inject
    LocalStorageCapacity capacity;
    @Inject
    StorageHosts hosts;
    @Inject
    PrimaryStorageHosts psHosts;
    @Inject
    PrimaryStorageService primaryStorage;
    @Inject
    DiskOfferingService diskOfferings;
    @Inject
    AccessControl access;
    @Inject
    JobService jobs;
    @Inject
    AuditLog audit;
    @Inject
    VolumeStore store;
    @Inject
    VolumeHolder holders;
    @Inject
    QuotaService quotas;

    /** A validated request: what the volume will be. */
    public record NewVolume(String name, String description, long sizeBytes, String diskOfferingId) {
    }

    /** Checks a request: a name, and a size in GiB (1..65536) or an Enabled disk offering, not both; 400 per field. */
    @Transactional
    public NewVolume validate(Caller caller, DataVolumeInput in) {
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        v.name("name", in.name()).maxLength("description", in.description(), Validation.MAX_DESCRIPTION);
        String offeringId = Validation.blankToNull(in.diskOfferingId());
        v.check(in.sizeGib() == null || offeringId == null, "sizeGib",
                Text.of(StorageMessages.class, m -> m.error_volume_size_or_offering()));
        v.check(in.sizeGib() != null || offeringId != null, "sizeGib",
                Text.of(StorageMessages.class, m -> m.error_volume_size_or_offering()));
        v.range("sizeGib", in.sizeGib(), 1, MAX_SIZE_GIB);
        v.throwIfAny();
        long size;
        if (offeringId != null) {
            DiskOfferingView offering;
            try {
                offering = diskOfferings.getForUse(caller, offeringId);
            } catch (NotFoundException e) {
                throw new InvalidInputException("diskOfferingId",
                        Text.of(StorageMessages.class, m -> m.error_unknown_disk_offering()));
            }
            size = offering.sizeBytes();
        } else {
            size = (long) in.sizeGib() << 30;
        }
        return new NewVolume(in.name().trim(), Validation.blankToNull(in.description()), size, offeringId);
    }

    /**
     * The new volume's row (Creating, attached to the VM at its lowest free device) with its space reserved on the VM's
     * host, in the caller's transaction. 409 when the VM has {@link DataDisk#MAX_INDEX} data volumes or the host's
     * storage is full; 409 ({@code NoPrimaryStorageException}) when the VM's cluster has no primary storage.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public VolumeView begin(String accountId, NewVolume nv, String vmId, String vmName, String hostId,
            String clusterId) {
        String psId = primaryStorage.idForNewVolume(clusterId, hostId);
        PrimaryStorage ps = PrimaryStorageService.find(psId);
        int index = freeDevice(vmId, vmName);
        capacity.reserve(psId, hostId, nv.sizeBytes());
        Instant now = Instant.now();
        Volume v = new Volume();
        v.id = Ids.newId();
        v.name = nv.name();
        v.description = nv.description();
        v.type = Volume.DATA;
        v.status = VolumeStatus.Creating;
        v.accountId = accountId;
        v.vmId = vmId;
        v.deviceIndex = index;
        v.primaryStorageId = psId;
        v.hostId = hostId;
        v.diskOfferingId = nv.diskOfferingId();
        v.path = store.location(psId, ps.root(), v.id, nv.sizeBytes());
        v.sizeBytes = nv.sizeBytes();
        v.createdAt = now;
        v.updatedAt = now;
        v.persist();
        return store.views(Caller.system(), List.of(v)).get(0);
    }

    /**
     * A data volume of a VM being created (issue 8: {@code vm.create} may ask for some), at device {@code index}: its
     * row (Creating, named {@code data<index>-<vm id prefix>}) with its space reserved on the VM's host, in one
     * transaction. Idempotent: the VM's volume at that device is returned when there is one. Returns the volume id.
     */
    @Transactional
    public String beginForNewVm(String accountId, String vmId, int index, String diskOfferingId, long sizeBytes,
            String hostId, String clusterId) {
        Volume there = Volume.<Volume>find("vmId = ?1 and deviceIndex = ?2", vmId, index).firstResult();
        if (there != null) {
            return there.id;
        }
        String name = "data" + index + "-" + vmId.substring(0, 8);
        return begin(accountId, new NewVolume(name, null, sizeBytes, diskOfferingId), vmId, name, hostId, clusterId)
                .id();
    }

    /** Step: the volume's file on its host (an empty qcow2). Idempotent. */
    public void createFile(String volumeId) throws DriverException {
        Volume v = row(volumeId);
        StorageHosts.Target t = hosts.target(v.hostId);
        t.driver().createDataVolume(t.endpoint(), v.path, v.sizeBytes);
    }

    /**
     * Rollback of {@link #createFile}, and the delete of {@code volume.delete}: the file goes (through another host of
     * a shared storage when the volume's host was removed; on Local storage it went with its host). A LUN no guest saw
     * is not zeroed (see {@link VolumeService#deleteVolume}). Idempotent (a missing volume or file is success).
     */
    public void deleteFile(String volumeId) throws DriverException {
        Volume v = store.find(volumeId).orElse(null);
        if (v == null || v.status == VolumeStatus.Creating && io.nubis.driver.IscsiLocation.isIscsi(v.path)) {
            return;
        }
        StorageHosts.Target t = psHosts.volumeHost(v);
        if (t != null) {
            t.driver().deleteVolume(t.endpoint(), v.path);
        }
    }

    /** The volume as its VM's driver sees it: its file and device index; it must be attached. */
    @Transactional
    public DataDisk disk(String volumeId) {
        Volume v = row(volumeId);
        if (v.deviceIndex == null) {
            throw new IllegalStateException("volume " + volumeId + " is not attached");
        }
        return new DataDisk(v.path, v.deviceIndex);
    }

    /** The data volumes attached to a VM the caller may see, by device (the VM's volumes page). */
    @Transactional
    public List<VolumeView> attachedTo(Caller caller, String vmId) {
        return store.views(caller, Volume.<Volume>list("vmId = ?1 and type = ?2 order by deviceIndex", vmId,
                Volume.DATA).stream().filter(v -> caller.canAccess(v.accountId)).toList());
    }

    /** An account's Ready, detached data volumes (what may be attached to its VMs), by name; at most 100. */
    @Transactional
    public List<VolumeView> detachedOf(Caller caller, String accountId) {
        if (!caller.canAccess(accountId)) {
            return List.of();
        }
        return store.views(caller, Volume.<Volume>find("accountId = ?1 and type = ?2 and vmId is null and status = ?3"
                + " order by name", accountId, Volume.DATA, VolumeStatus.Ready).page(0, 100).list());
    }

    /** The data volumes attached to the VM, for its definition (every start that defines it). */
    @Transactional
    public List<DataDisk> disksOf(String vmId) {
        return Volume.<Volume>list("vmId = ?1 and type = ?2 and deviceIndex is not null order by deviceIndex", vmId,
                Volume.DATA).stream().map(v -> new DataDisk(v.path, v.deviceIndex)).toList();
    }

    @Transactional
    public void markReady(String volumeId) {
        Volume.update("status = ?1, updatedAt = ?2 where id = ?3", VolumeStatus.Ready, Instant.now(), volumeId);
    }

    /** The failure handler of an add: the row goes and its space returns to the host. Idempotent. */
    @Transactional
    public void forgetNew(String volumeId) {
        store.forget(volumeId);
    }

    /**
     * Attaches an existing data volume to a VM in the caller's transaction: the volume (locked) must be the VM's
     * account's, Ready, detached, reachable from the VM's host (Local: made there; shared: attached to its cluster) and
     * not on a storage in maintenance; it takes the VM's lowest free device and the VM's host. 404 for a volume the
     * caller may not see, 409 with the reason otherwise.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public VolumeView reserveAttachment(Caller caller, String volumeId, String vmId, String vmName,
            String vmAccountId, String vmHostId) {
        Volume v = locked(caller, volumeId);
        if (!Volume.DATA.equals(v.type) || v.status != VolumeStatus.Ready || v.vmId != null
                || SnapshotService.busy(v.id)) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_volume_not_attachable(v.name)));
        }
        PrimaryStorage ps = PrimaryStorageService.find(v.primaryStorageId);
        if (PrimaryStorage.MAINTENANCE.equals(ps.state) || PrimaryStorage.PRE_MAINTENANCE.equals(ps.state)) {
            throw new ConflictException(
                    Text.of(StorageMessages.class, m -> m.error_volume_storage_maintenance(v.name, ps.name)));
        }
        // shared storage (issue 12): every host of a cluster it is attached to reaches the volume
        boolean reachable = v.hostId.equals(vmHostId) || ps.shared() && primaryStorage.servesHost(ps.id, vmHostId);
        if (!v.accountId.equals(vmAccountId) || !reachable) {
            throw new ConflictException(
                    Text.of(StorageMessages.class, m -> m.error_volume_other_host(v.name, vmName)));
        }
        v.hostId = vmHostId;
        v.deviceIndex = freeDevice(vmId, vmName);
        v.vmId = vmId;
        v.updatedAt = Instant.now();
        return store.views(caller, List.of(v)).get(0);
    }

    /**
     * A detach request's check, in the caller's transaction: a Ready data volume attached to this VM; 409 otherwise.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public VolumeView checkDetach(Caller caller, String volumeId, String vmId) {
        Volume v = locked(caller, volumeId);
        if (!Volume.DATA.equals(v.type) || v.status != VolumeStatus.Ready || !vmId.equals(v.vmId)) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_volume_not_on_vm(v.name)));
        }
        return store.views(caller, List.of(v)).get(0);
    }

    /** The volume is no longer attached (a detach succeeded, or an attach failed). Idempotent. */
    @Transactional
    public void detached(String volumeId) {
        Volume.update("vmId = null, deviceIndex = null, updatedAt = ?1 where id = ?2", Instant.now(), volumeId);
    }

    /**
     * A step of a VM destroy that takes its data volumes along (its domain is gone): each one's file, then its row and
     * reservation. Idempotent: what is already deleted is skipped.
     */
    public void deleteAllOf(String vmId) throws DriverException {
        for (String id : attachedIds(vmId)) {
            deleteFile(id);
            forgetNew(id);
        }
    }

    @Transactional
    List<String> attachedIds(String vmId) {
        return Volume.<Volume>list("vmId = ?1 and type = ?2", vmId, Volume.DATA).stream().map(v -> v.id).toList();
    }

    /** A destroyed VM's data volumes stay, detached (its domain, and with it their devices, is gone). */
    @Transactional
    public void detachAllFrom(String vmId) {
        Volume.update("vmId = null, deviceIndex = null, updatedAt = ?1 where vmId = ?2 and type = ?3", Instant.now(),
                vmId, Volume.DATA);
    }

    /**
     * Deletes a detached data volume (job {@code volume.delete}: its file, then its row and reservation). 409 while it
     * is attached or busy, or for a root volume (it goes with its VM). With {@code force}, an attached one is detached
     * first, in one job on its VM ({@link VolumeHolder#detachAndDelete}).
     */
    @Audited("volume.delete")
    @Transactional
    public Accepted<VolumeView> delete(Caller caller, String volumeId, boolean force) {
        Volume seen = Ids.isValid(volumeId) ? Volume.findById(volumeId) : null;
        if (force && seen != null && caller.canAccess(seen.accountId) && Volume.DATA.equals(seen.type)
                && seen.vmId != null) {
            // the VM first, then the volume: the order of every VM request
            String jobId = holders.detachAndDelete(caller, seen.vmId, seen.id);
            return new Accepted<>(store.get(caller, seen.id), jobId);
        }
        return delete(caller, volumeId);
    }

    /** {@link #delete(Caller, String, boolean)} without force. */
    @Audited("volume.delete")
    @Transactional
    public Accepted<VolumeView> delete(Caller caller, String volumeId) {
        Volume v = locked(caller, volumeId);
        if (!Volume.DATA.equals(v.type)) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_volume_is_root(v.name)));
        }
        if (v.vmId != null || v.status != VolumeStatus.Ready || SnapshotService.busy(v.id)) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_volume_attached(v.name)));
        }
        v.status = VolumeStatus.Deleting;
        v.updatedAt = Instant.now();
        AuditTarget target = AuditTarget.of(TYPE, v.id, v.name, v.accountId);
        String jobId = jobs.submit(caller,
                new JobRequest(VolumeDeleteWorkflow.TYPE, TYPE, v.id, v.name, v.accountId, Map.of()));
        audit.accepted(caller, "volume.delete", target, jobId);
        return new Accepted<>(store.views(caller, List.of(v)).get(0), jobId);
    }

    /**
     * A grow request's checks, in the caller's transaction (issue 8): a Ready data volume the caller may see, attached
     * to {@code vmId} (null: detached), and a new size larger than it (1..65536 GiB). Returns the volume as it is; 400
     * on {@code sizeGib}, 409 otherwise. Growing is a job: {@code volume.resize} for a detached volume,
     * {@code vm.resize-volume} for one on a stopped VM; both call {@link VolumeService#growVolume}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public VolumeView checkGrow(Caller caller, String volumeId, String vmId, Integer sizeGib) {
        Validation.start().required("sizeGib", sizeGib).range("sizeGib", sizeGib, 1, MAX_SIZE_GIB).throwIfAny();
        Volume v = locked(caller, volumeId);
        if (!Volume.DATA.equals(v.type) || v.status != VolumeStatus.Ready || !java.util.Objects.equals(vmId, v.vmId)
                || SnapshotService.busy(v.id)) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_volume_not_resizable(v.name)));
        }
        IscsiLuns.refuseLun(v.path);
        if (((long) sizeGib << 30) <= v.sizeBytes) {
            long mib = v.sizeBytes >> 20;
            throw new InvalidInputException("sizeGib",
                    Text.of(StorageMessages.class, m -> m.error_volume_not_larger(mib)));
        }
        quotas.require(v.accountId, Map.of(QuotaKind.VOLUME_GIB, QuotaKind.gib(((long) sizeGib << 30) - v.sizeBytes)));
        return store.views(caller, List.of(v)).get(0);
    }

    /** Grows a detached data volume (job {@code volume.resize} on the volume). */
    @Audited("volume.resize")
    @Transactional
    public Accepted<VolumeView> resize(Caller caller, String volumeId, Integer sizeGib) {
        VolumeView v = checkGrow(caller, volumeId, null, sizeGib);
        String jobId = jobs.submit(caller, new JobRequest(VolumeResizeWorkflow.TYPE, TYPE, v.id(), v.name(),
                v.accountId(), growParams(v, sizeGib)));
        audit.accepted(caller, "volume.resize", AuditTarget.of(TYPE, v.id(), v.name(), v.accountId()), jobId);
        return new Accepted<>(v, jobId);
    }

    /** The params of a grow job: the volume, its new size and its old one (for the rollback). */
    public static Map<String, String> growParams(VolumeView v, int sizeGib) {
        return Map.of("volumeId", v.id(), "sizeBytes", Long.toString((long) sizeGib << 30), "fromBytes",
                Long.toString(v.sizeBytes()));
    }

    /** The volume is being deleted (a forced delete's job starts), in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markDeleting(String volumeId) {
        Volume.update("status = ?1, updatedAt = ?2 where id = ?3", VolumeStatus.Deleting, Instant.now(), volumeId);
    }

    /** End of {@code volume.delete}: the row and its reservation; or, when it failed, the volume is Ready again. */
    @Transactional
    public void finishDelete(String volumeId, boolean deleted) {
        if (deleted) {
            store.forget(volumeId);
        } else {
            Volume.update("status = ?1, updatedAt = ?2 where id = ?3 and status = ?4", VolumeStatus.Ready,
                    Instant.now(), volumeId, VolumeStatus.Deleting);
        }
    }

    /** How many volumes not deleted came from the disk offering (its delete is refused while any do). */
    @Transactional
    public long countFromOffering(String diskOfferingId) {
        return io.nubis.platform.Rows.count(Volume.class, "diskOfferingId = ?1", diskOfferingId);
    }

    private Volume row(String volumeId) {
        return store.find(volumeId).orElseThrow(() -> new NotFoundException(TYPE, volumeId));
    }

    /** The volume, locked for this transaction, when the caller may see it; 404 otherwise. */
    private Volume locked(Caller caller, String volumeId) {
        if (!Ids.isValid(volumeId)) {
            throw new NotFoundException(TYPE, volumeId);
        }
        StorageLocks.lockRow(em, "volume", volumeId);
        Volume v = Volume.findById(volumeId);
        if (v == null || !caller.canAccess(v.accountId)) {
            throw new NotFoundException(TYPE, volumeId);
        }
        em.refresh(v);
        return v;
    }

    /** The VM's lowest free data device (1..8); 409 when all are taken. */
    private int freeDevice(String vmId, String vmName) {
        Set<Integer> taken = new HashSet<>(em.createQuery(
                "select v.deviceIndex from Volume v where v.vmId = :vm and v.deviceIndex is not null", Integer.class)
                .setParameter("vm", vmId).getResultList());
        for (int i = 1; i <= DataDisk.MAX_INDEX; i++) {
            if (!taken.contains(i)) {
                return i;
            }
        }
        throw new ConflictException(
                Text.of(StorageMessages.class, m -> m.error_too_many_volumes(vmName, DataDisk.MAX_INDEX)));
    }
}
