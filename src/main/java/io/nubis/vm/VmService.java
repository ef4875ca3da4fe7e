package io.nubis.vm;

import io.nubis.platform.InvalidInputException;
import io.nubis.platform.Validation;
import io.nubis.platform.Text;
import io.nubis.storage.DataVolumeInput;
import io.nubis.storage.DataVolumeService;
import io.nubis.storage.ImageService;
import io.nubis.storage.ImageStatus;
import io.nubis.storage.ImageView;
import io.nubis.storage.VolumeView;
import io.nubis.compute.HostState;

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
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Page;
import io.nubis.platform.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * VM instances: tenants see and act on their own, admins on all. Every change of a VM's power or existence is a job on
 * the VM; a VM in a transitional state refuses other actions (409) until its job ends.
 */
@ApplicationScoped
@Transactional
public class VmService {

    static final String TYPE = "vm";
    /** The largest root disk, in GiB (64 TiB, like a disk offering). */
    static final int MAX_ROOT_GIB = 65536;

    /** The time a guest gets to shut down when stopped without {@code force}, before it is powered off. */
    @ConfigProperty(name = "nubis.vms.stop-grace", defaultValue = "60S")
    Duration stopGrace;
    @Inject
    ImageService images;
    @Inject
    VmCloudInits cloudInits;
    @Inject
    QuotaService quotas;

    @Inject
    AccessControl access;
    @Inject
    AuditLog audit;
    @Inject
    JobService jobs;
    @Inject
    VmViews views;
    @Inject
    io.nubis.compute.HostAccess hostAccess;
    @Inject
    VmRequests requests;
    @Inject
    MacAddresses macs;
    @Inject
    VmStore store;
    @Inject
    VmDetails details;
    @Inject
    io.nubis.storage.VolumeService volumes;
    @Inject
    DataVolumeService dataVolumes;

    /**
     * VMs by state, Destroyed ones left out (issue 13): the whole cloud's for admins, the caller's account's for others
     * (the dashboard and the tenant home).
     */
    @Transactional
    public java.util.Map<VmState, Long> countByState(Caller caller) {
        java.util.Optional<String> account = access.listScope(caller);
        var q = VmInstance.getEntityManager().createQuery("select v.state, count(v) from VmInstance v"
                + " where v.state <> :destroyed" + (account.isPresent() ? " and v.accountId = :acc" : "")
                + " group by v.state", Object[].class).setParameter("destroyed", VmState.Destroyed);
        account.ifPresent(a -> q.setParameter("acc", a));
        java.util.Map<VmState, Long> counts = new java.util.EnumMap<>(VmState.class);
        for (Object[] r : q.getResultList()) {
            counts.put((VmState) r[0], (Long) r[1]);
        }
        return counts;
    }

    public Page<VmView> list(Caller caller, VmFilter f, PageRequest pr) {
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        access.listScope(caller).ifPresent(acc -> {
            where.add("accountId = :acc");
            p.and("acc", acc);
        });
        if (f.state() != null) {
            where.add("state = :state");
            p.and("state", f.state());
        } else {
            where.add("state <> :destroyed");
            p.and("destroyed", VmState.Destroyed);
        }
        if (f.q() != null && !f.q().isBlank()) {
            where.add("name like :q");
            p.and("q", "%" + f.q().trim() + "%");
        }
        if (f.hostId() != null && !f.hostId().isBlank() && caller.admin()) {
            where.add("hostId = :host");
            p.and("host", f.hostId().trim());
        }
        String query = String.join(" and ", where);
        PanacheQuery<VmInstance> q = VmInstance.find(query, VmFilter.ORDER.sort(pr), p);
        List<VmInstance> vms = q.page(pr.page() - 1, pr.size()).list();
        // a count of our own HQL: PanacheQuery.count() has Hibernate translate a new count query on every call
        return new Page<>(views.of(caller, vms), pr.page(), pr.size(), VmInstance.count(query, p));
    }

    public VmView get(Caller caller, String id) {
        return views.of(caller, List.of(find(caller, id))).get(0);
    }

    /** The VM with the names of its offering, image and networks (the portal's detail page). */
    public VmDetail detail(Caller caller, String id) {
        return details.of(caller, get(caller, id));
    }

    /** The offerings, images and L3 networks the caller may create a VM from. */
    public VmChoices choices(Caller caller) {
        return requests.choices(caller);
    }

    /**
     * Writes the VM (Creating) with its NICs (MAC addresses chosen now, IPs later) and starts a {@code vm.create} job.
     * Validates the name, the offering (Enabled), the image (Ready, bootable, visible to the caller) and the L3
     * networks (Enabled, visible, one zone); placement and capacity are decided by the job.
     */
    @Audited("vm.create")
    public Accepted<VmView> create(Caller caller, VmInput in) {
        VmRequest req = requests.validate(caller, in);
        quotas.require(caller.accountId(), Map.of(QuotaKind.VMS, 1L, QuotaKind.VCPUS, (long) req.offering().cpus(),
                QuotaKind.MEMORY_MIB, req.offering().memoryMib(), QuotaKind.DATA_VOLUMES,
                (long) req.dataDisks().size(), QuotaKind.VOLUME_GIB, QuotaKind.gib(req.volumeBytes())));
        Instant now = Instant.now();
        VmInstance vm = new VmInstance();
        vm.id = Ids.newId();
        vm.name = req.name();
        vm.description = req.description();
        vm.accountId = caller.accountId();
        vm.zoneId = req.zoneId();
        vm.offeringId = req.offering().id();
        vm.imageId = req.imageId();
        vm.isoImageId = req.iso() ? req.imageId() : null;
        vm.plannedVolumeBytes = req.volumeBytes();
        vm.cpus = req.offering().cpus();
        vm.memoryMib = req.offering().memoryMib();
        vm.state = VmState.Creating;
        vm.createdAt = now;
        vm.updatedAt = now;
        // the VM and NIC rows by plain JDBC (once per create, nothing else in this transaction changes them)
        store.insert(vm);
        int index = 0;
        List<VmNic> nics = new ArrayList<>();
        for (String l3 : req.l3NetworkIds()) {
            VmNic nic = new VmNic();
            nic.id = Ids.newId();
            nic.vmId = vm.id;
            nic.l3Id = l3;
            nic.deviceIndex = index++;
            nic.createdAt = now;
            macs.insert(nic);
            nics.add(nic);
        }
        // the job's inputs: what the steps would otherwise read back from the VM row (issue 7, part 4)
        Map<String, String> params = new HashMap<>(Map.of("strategy", req.offering().allocatorStrategy().name(),
                VmCreateSteps.IMAGE, vm.imageId, VmCreateSteps.L3S,
                String.join(",", new java.util.LinkedHashSet<>(req.l3NetworkIds()))));
        if (!req.dataDisks().isEmpty()) {
            params.put(VmCreateSteps.DATA_DISKS, VmCreateSteps.dataDisks(req.dataDisks()));
        }
        if (req.iso()) {
            params.put(VmCreateSteps.ROOT_BYTES, Long.toString(req.isoRootBytes()));
        }
        if (!req.securityGroupIds().isEmpty()) {
            params.put(VmCreateSteps.SECURITY_GROUPS, String.join(",", req.securityGroupIds()));
        }
        if (req.cloudInit() != null) {
            cloudInits.save(vm.id, req.cloudInit(), now);
            params.put(VmCreateSteps.CLOUD_INIT, "1");
        }
        String jobId = jobs.submit(caller,
                new JobRequest(VmCreateWorkflow.TYPE, TYPE, vm.id, vm.name, vm.accountId, params));
        audit.accepted(caller, "vm.create", target(vm), jobId);
        return new Accepted<>(views.ofNew(caller, vm, nics), jobId);
    }

    /**
     * Starts a {@code vm.destroy} job (from any settled state). Its data volumes stay, detached, unless
     * {@code deleteVolumes}: then they are deleted with it.
     */
    @Audited("vm.destroy")
    public Accepted<VmView> destroy(Caller caller, String id, boolean deleteVolumes) {
        VmInstance vm = requireState(caller, id, VmAction.DESTROY);
        return submit(caller, vm, VmDestroyWorkflow.TYPE, VmState.Destroying,
                Map.of(VmDestroyWorkflow.DELETE_VOLUMES, Boolean.toString(deleteVolumes)));
    }

    /** The time a graceful stop gives the guest ({@code nubis.vms.stop-grace}). */
    public Duration stopGrace() {
        return stopGrace;
    }

    @Audited("vm.stop")
    public Accepted<VmView> stop(Caller caller, String id, boolean force) {
        VmInstance vm = requireState(caller, id, VmAction.STOP);
        long grace = force ? 0 : stopGrace.toSeconds();
        return submit(caller, vm, VmPowerWorkflows.Stop.TYPE, VmState.Stopping,
                Map.of("graceSeconds", Long.toString(grace)));
    }

    @Audited("vm.start")
    public Accepted<VmView> start(Caller caller, String id) {
        VmInstance vm = requireState(caller, id, VmAction.START);
        HostState hostState = hostAccess.state(vm.hostId).orElse(null);
        if (hostState == HostState.Maintenance || hostState == HostState.PreMaintenance) {
            throw new ConflictException(Text.of(VmMessages.class, m -> m.error_vm_host_maintenance(vm.name)));
        }
        List<String> down = volumes.storageInMaintenance(vm.id);
        if (!down.isEmpty()) {
            throw new ConflictException(Text.of(VmMessages.class,
                    m -> m.error_vm_storage_maintenance(vm.name, String.join(", ", down))));
        }
        return submit(caller, vm, VmPowerWorkflows.Start.TYPE, VmState.Starting, Map.of());
    }

    /**
     * Moves a running VM live to another host of its cluster (issue 12, admins only): 400 without a host id, 404 for an
     * unknown host, 409 when the VM is not Running, the host is its own, in another cluster, not Enabled and Connected,
     * or any of its volumes is on Local storage (only its host sees those: named in the message). The
     * {@code vm.migrate} job ({@link VmMigrateWorkflow}) reserves the target's capacity, prepares its networks, moves
     * the VM and releases the source.
     */
    @Audited("vm.migrate")
    public Accepted<VmView> migrate(Caller caller, String id, String hostId) {
        access.requireAdmin(caller);
        Validation.start().id("hostId", hostId).throwIfAny();
        VmInstance vm = requireState(caller, id, VmAction.MIGRATE);
        io.nubis.compute.HostAccess.HostRef target = hostAccess.host(hostId);
        if (target.id().equals(vm.hostId)) {
            throw new ConflictException(Text.of(VmMessages.class, m -> m.error_vm_migrate_same_host(vm.name)));
        }
        if (!target.clusterId().equals(vm.clusterId)) {
            throw new ConflictException(Text.of(VmMessages.class, m -> m.error_vm_migrate_other_cluster(vm.name)));
        }
        if (target.state() != HostState.Enabled || target.status() != io.nubis.compute.HostStatus.Connected) {
            throw new ConflictException(
                    Text.of(VmMessages.class, m -> m.error_vm_migrate_target_unavailable(target.name())));
        }
        List<String> local = volumes.hostBoundVolumes(vm.id);
        if (!local.isEmpty()) {
            throw new ConflictException(Text.of(VmMessages.class,
                    m -> m.error_vm_migrate_local_storage(vm.name, String.join(", ", local))));
        }
        return submit(caller, vm, VmMigrateWorkflow.TYPE, VmState.Migrating,
                Map.of(VmMigrateWorkflow.SOURCE, vm.hostId, VmMigrateWorkflow.TARGET, target.id()));
    }

    /**
     * Grows the root disk of a running or stopped VM to {@code sizeGib} GiB (issue 8): 400 on {@code sizeGib} when
     * missing, out of range or not larger than the disk, 409 when the VM is busy. The job
     * ({@link VmResizeRootWorkflow}) reserves the space on the VM's host and grows the file; the VM is Resizing
     * meanwhile.
     */
    @Audited("vm.resize-root")
    public Accepted<VmView> resizeRoot(Caller caller, String id, RootResizeInput in) {
        Validation v = Validation.start().required("sizeGib", in == null ? null : in.sizeGib());
        if (!v.hasError("sizeGib")) {
            v.range("sizeGib", in.sizeGib(), 1, MAX_ROOT_GIB);
        }
        v.throwIfAny();
        VmInstance vm = requireState(caller, id, VmAction.RESIZE_ROOT);
        long current = volumes.sizeOf(vm.rootVolumeId);
        long wanted = (long) in.sizeGib() << 30;
        if (wanted <= current) {
            throw new InvalidInputException("sizeGib",
                    Text.of(VmMessages.class, m -> m.error_root_not_larger(current >> 20)));
        }
        quotas.require(vm.accountId, Map.of(QuotaKind.VOLUME_GIB, QuotaKind.gib(wanted - current)));
        return submit(caller, vm, VmResizeRootWorkflow.TYPE, VmState.Resizing, Map.of("volumeId", vm.rootVolumeId,
                "sizeBytes", Long.toString(wanted), "fromBytes", Long.toString(current)));
    }

    /**
     * Adds a new data volume to a running or stopped VM (issue 8): validated (name; size in GiB or a disk offering),
     * its row written and its space reserved on the VM's host now, then job {@code vm.add-volume} makes the file and
     * plugs the disk in. 400 per field, 409 when the VM is busy, has eight data volumes or its host's storage is full.
     */
    @Audited("vm.add-volume")
    public Accepted<VolumeView> addVolume(Caller caller, String id, DataVolumeInput in) {
        DataVolumeService.NewVolume nv = dataVolumes.validate(caller, in);
        VmInstance vm = requireState(caller, id, VmAction.CHANGE_VOLUMES);
        quotas.require(vm.accountId,
                Map.of(QuotaKind.DATA_VOLUMES, 1L, QuotaKind.VOLUME_GIB, QuotaKind.gib(nv.sizeBytes())));
        VolumeView v = dataVolumes.begin(vm.accountId, nv, vm.id, vm.name, vm.hostId, vm.clusterId);
        return volumeJob(caller, vm, VmVolumeWorkflows.Add.TYPE, v);
    }

    /** Attaches a detached data volume of the VM's account on the VM's host (job {@code vm.attach-volume}). */
    @Audited("vm.attach-volume")
    public Accepted<VolumeView> attachVolume(Caller caller, String id, String volumeId) {
        VmInstance vm = requireState(caller, id, VmAction.CHANGE_VOLUMES);
        VolumeView v = dataVolumes.reserveAttachment(caller, volumeId, vm.id, vm.name, vm.accountId, vm.hostId);
        return volumeJob(caller, vm, VmVolumeWorkflows.Attach.TYPE, v);
    }

    /** Detaches a data volume from the VM (job {@code vm.detach-volume}); the volume stays on its host. */
    @Audited("vm.detach-volume")
    public Accepted<VolumeView> detachVolume(Caller caller, String id, String volumeId) {
        VmInstance vm = requireState(caller, id, VmAction.CHANGE_VOLUMES);
        VolumeView v = dataVolumes.checkDetach(caller, volumeId, vm.id);
        return volumeJob(caller, vm, VmVolumeWorkflows.Detach.TYPE, v);
    }

    /**
     * Detaches a data volume and deletes it, in one job on the VM ({@code vm.delete-volume}; the volume's
     * {@code DELETE ?force=true}). The volume is Deleting from now on; a failed job leaves it attached and Ready.
     */
    @Audited("vm.delete-volume")
    public Accepted<VolumeView> detachAndDeleteVolume(Caller caller, String id, String volumeId) {
        VmInstance vm = requireState(caller, id, VmAction.CHANGE_VOLUMES);
        VolumeView v = dataVolumes.checkDetach(caller, volumeId, vm.id);
        dataVolumes.markDeleting(v.id());
        return volumeJob(caller, vm, VmVolumeWorkflows.Delete.TYPE, v);
    }

    /** Grows a data volume attached to a running or stopped VM (job {@code vm.resize-volume}). */
    @Audited("vm.resize-volume")
    public Accepted<VolumeView> resizeVolume(Caller caller, String id, String volumeId, Integer sizeGib) {
        VmInstance vm = requireState(caller, id, VmAction.RESIZE_VOLUME);
        VolumeView v = dataVolumes.checkGrow(caller, volumeId, vm.id, sizeGib);
        String jobId = jobs.submit(caller, new JobRequest(VmVolumeWorkflows.Resize.TYPE, TYPE, vm.id, vm.name,
                vm.accountId, DataVolumeService.growParams(v, sizeGib)));
        audit.accepted(caller, VmVolumeWorkflows.Resize.TYPE, target(vm), jobId);
        return new Accepted<>(v, jobId);
    }

    /** A volume job on the VM (its resource, so it runs between its power actions); the VM keeps its state. */
    private Accepted<VolumeView> volumeJob(Caller caller, VmInstance vm, String type, VolumeView volume) {
        String jobId = jobs.submit(caller, new JobRequest(type, TYPE, vm.id, vm.name, vm.accountId,
                Map.of("volumeId", volume.id(), "from", vm.state.name())));
        audit.accepted(caller, type, target(vm), jobId);
        return new Accepted<>(volume, jobId);
    }

    /**
     * Inserts an ISO into the VM's CD-ROM drive (job {@code vm.insert-iso}; issue 8), replacing what is there: a Ready
     * ISO image the caller may use (400 on {@code imageId} otherwise). The row names it at once, so every rollback and
     * start finds it.
     */
    @Audited("vm.insert-iso")
    public Accepted<VmView> insertIso(Caller caller, String id, String imageId) {
        VmInstance vm = requireState(caller, id, VmAction.CHANGE_ISO);
        Validation.start().required("imageId", imageId).id("imageId", imageId).throwIfAny();
        ImageView image;
        try {
            image = images.get(caller, imageId);
        } catch (NotFoundException e) {
            throw new InvalidInputException("imageId", Text.of(VmMessages.class, m -> m.error_unknown_image()));
        }
        if (!"iso".equals(image.format()) || image.status() != ImageStatus.Ready) {
            throw new InvalidInputException("imageId",
                    Text.of(VmMessages.class, m -> m.error_not_an_iso(image.name())));
        }
        if (!images.usableIn(image.id(), vm.zoneId)) {
            throw new InvalidInputException("imageId",
                    Text.of(VmMessages.class, m -> m.error_image_not_in_zone(image.name())));
        }
        return isoJob(caller, vm, VmIsoWorkflows.Insert.TYPE, image.id());
    }

    /** Ejects the ISO from the VM's CD-ROM drive (job {@code vm.eject-iso}); 409 when the drive is empty. */
    @Audited("vm.eject-iso")
    public Accepted<VmView> ejectIso(Caller caller, String id) {
        VmInstance vm = requireState(caller, id, VmAction.CHANGE_ISO);
        if (vm.isoImageId == null) {
            throw new ConflictException(Text.of(VmMessages.class, m -> m.error_no_iso(vm.name)));
        }
        return isoJob(caller, vm, VmIsoWorkflows.Eject.TYPE, null);
    }

    private Accepted<VmView> isoJob(Caller caller, VmInstance vm, String type, String isoImageId) {
        Map<String, String> params = new HashMap<>();
        params.put("previousIsoId", vm.isoImageId == null ? "" : vm.isoImageId);
        if (isoImageId != null) {
            params.put("isoImageId", isoImageId);
            vm.isoImageId = isoImageId;
            vm.updatedAt = Instant.now();
        }
        String jobId = jobs.submit(caller, new JobRequest(type, TYPE, vm.id, vm.name, vm.accountId, params));
        audit.accepted(caller, type, target(vm), jobId);
        return new Accepted<>(views.of(caller, List.of(vm)).get(0), jobId);
    }

    /**
     * The VM locked for a snapshot job on one of its volumes (issue 8; storage's {@link VmVolumeHolder}): its state
     * must allow the action (409 otherwise); the VM keeps its state, the job runs on it.
     */
    VmInstance lockForVolumeJob(Caller caller, String id, VmAction action) {
        return requireState(caller, id, action);
    }

    @Audited("vm.reboot")
    public Accepted<VmView> reboot(Caller caller, String id) {
        VmInstance vm = requireState(caller, id, VmAction.REBOOT);
        return submit(caller, vm, VmPowerWorkflows.Reboot.TYPE, VmState.Rebooting, Map.of());
    }

    /**
     * The VM, locked for this request's transaction, when the action is allowed in its state: a second action that
     * arrives at the same time waits for the first to commit, then sees its transitional state and gets 409 (issue 7:
     * destroy and stop at once were both accepted).
     */
    private VmInstance requireState(Caller caller, String id, VmAction action) {
        VmInstance vm = find(caller, id);
        // a plain FOR UPDATE (Hibernate's MySQL dialect writes "FOR UPDATE OF <alias>", which MariaDB refuses), then
        // the row as it is under the lock
        VmInstance.getEntityManager().createNativeQuery("SELECT id FROM vm_instance WHERE id = ?1 FOR UPDATE")
                .setParameter(1, vm.id).getResultList();
        VmInstance.getEntityManager().refresh(vm);
        if (!action.allowedIn(vm.state)) {
            throw new ConflictException(Text.of(VmMessages.class, m -> m.error_vm_state(vm.name, vm.state.name())));
        }
        return vm;
    }

    /** Moves the VM into its transitional state and submits the job; the job gets the state to fall back to. */
    private Accepted<VmView> submit(Caller caller, VmInstance vm, String type, VmState transitional,
            Map<String, String> params) {
        Map<String, String> all = new HashMap<>(params);
        all.put("from", vm.state.name());
        vm.state = transitional;
        vm.stateReason = null;
        vm.stateReasonPublic = null;
        vm.updatedAt = Instant.now();
        String jobId = jobs.submit(caller, new JobRequest(type, TYPE, vm.id, vm.name, vm.accountId, all));
        audit.accepted(caller, type, target(vm), jobId);
        return new Accepted<>(views.of(caller, List.of(vm)).get(0), jobId);
    }

    VmInstance find(Caller caller, String id) {
        VmInstance vm = id == null ? null : VmInstance.findById(id);
        if (vm == null) {
            throw new NotFoundException(TYPE, id);
        }
        access.requireAccess(caller, TYPE, id, vm.accountId);
        return vm;
    }

    static AuditTarget target(VmInstance vm) {
        return AuditTarget.of(TYPE, vm.id, vm.name, vm.accountId);
    }
}
