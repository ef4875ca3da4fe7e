package io.nubis.vm;

import io.nubis.compute.HostAllocator;
import io.nubis.compute.NoHostCapacityException;
import io.nubis.driver.DriverException;
import io.nubis.driver.VmSpec;
import io.nubis.job.JobContext;
import io.nubis.network.IpamService;
import io.nubis.network.NetworkProvisioner;
import io.nubis.storage.PrimaryStorageService;
import io.nubis.storage.VolumeService;
import io.nubis.storage.VolumeView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The steps of {@code vm.create} and their rollbacks. Each step reads what it needs from the database (never only from
 * the job context), so a rollback after a crash finds the truth: the VM's host, its NICs' IPs, its root volume.
 */
@ApplicationScoped
class VmCreateSteps {

    /** Owner type of VM NIC addresses in IPAM. */
    static final String NIC_OWNER = "vm-nic";
    /** Create job inputs: the image and the L3 networks (comma-separated), so steps need not read the VM for them. */
    static final String IMAGE = "imageId";
    static final String L3S = "l3Ids";
    /** Recorded by allocate: where the VM went. */
    static final String HOST = "hostId";
    static final String CLUSTER = "clusterId";
    /** Create job input of a VM booting from an ISO: the size of its blank root disk. */
    static final String ROOT_BYTES = "rootBytes";
    /** Param: ids of the security groups every NIC joins (comma-separated). */
    static final String SECURITY_GROUPS = "securityGroups";
    /** Create job input: the data volumes to make, {@code offeringId:bytes} comma-separated in device order. */
    static final String DATA_DISKS = "dataDisks";
    /** Param: the VM has cloud-init data ({@code vm_cloud_init}): its domain gets a config drive. */
    static final String CLOUD_INIT = "cloudInit";
    /** Recorded by plug-networks for the start step: the bridge of each L3 network (key prefix + L3 id). */
    static final String BRIDGE = "bridge.";
    /** Recorded by create-root-volume for the start step: the root volume's path on the host. */
    static final String ROOT_PATH = "rootPath";

    @Inject
    io.nubis.storage.DataVolumeService dataVolumes;
    @Inject
    VmStore store;
    @Inject
    VmCloudInits cloudInits;
    @Inject
    VmPlacement placement;
    @Inject
    VmLifecycle lifecycle;
    @Inject
    IpamService ipam;
    @Inject
    NetworkProvisioner networks;
    @Inject
    PrimaryStorageService primaryStorage;
    @Inject
    VolumeService volumes;
    @Inject
    VmNicFilters nicFilters;
    @Inject
    io.nubis.securitygroup.SecurityGroups securityGroups;

    /**
     * Places the VM on a host (capacity reserved, host recorded) and gives each NIC an IP, in one transaction: the IPs
     * go to the host's DHCP, so they need the host; one transaction commits both or neither (issue 7: it was two).
     */
    void allocate(JobContext ctx) throws DriverException {
        HostAllocator.Strategy strategy = HostAllocator.Strategy.valueOf(ctx.param("strategy"));
        List<String> given = new java.util.ArrayList<>();
        Optional<VmPlacement.Placed> placed = placement.place(ctx.resourceId(), strategy, p -> {
            given.clear(); // the placing transaction may run again (a deadlock): only its last run counts
            VmStore.Snapshot vm = p.vm();
            for (VmStore.NicSnapshot nic : vm.nics()) {
                if (nic.ip() == null) {
                    String ip = ipam.allocateJoined(nic.l3Id(), NIC_OWNER, nic.id(), nic.mac(), hostname(vm),
                            vm.hostId(), a -> store.setNicIp(nic.id(), a.ip())).ip();
                    given.add("NIC " + nic.deviceIndex() + " (" + nic.mac() + ") gets " + ip);
                }
            }
        });
        if (placed.isEmpty()) {
            VmStore.Snapshot vm = store.snapshot(ctx.resourceId());
            throw new NoHostCapacityException(vm.cpus(), vm.memoryMib());
        }
        HostAllocator.Reservation host = placed.get().reservation();
        ctx.put(HOST, host.hostId());
        ctx.put(CLUSTER, host.clusterId());
        ctx.info("placed on host " + host.hostId());
        given.forEach(ctx::info);
    }

    /** The rollback of {@link #allocate}: the IPs first (their release refreshes the host's DHCP), then the host. */
    void release(JobContext ctx) throws DriverException {
        releaseIps(ctx);
        placement.release(ctx.resourceId());
    }

    void releaseIps(JobContext ctx) throws DriverException {
        VmStore.Snapshot vm = store.snapshot(ctx.resourceId());
        for (VmStore.NicSnapshot nic : vm.nics()) {
            ipam.releaseOwner(nic.id());
            store.setNicIp(nic.id(), null);
        }
        if (vm.hostId() != null) {
            for (String l3 : vm.l3Ids()) {
                networks.refreshDhcp(vm.hostId(), l3);
            }
        }
    }

    void createRootVolume(JobContext ctx) throws DriverException {
        Placed vm = placed(ctx);
        long size = ctx.optionalParam(ROOT_BYTES).map(Long::parseLong).orElse(0L);
        // the VM points at its root volume from the commit that writes the volume's row on
        VolumeView root = volumes.createRootVolumeInCluster(ctx.caller(), vm.id(), vm.clusterId(), vm.hostId(),
                vm.imageId(), size, volume -> store.setRootVolume(vm.id(), volume), ctx::whenStepRecorded);
        ctx.put(ROOT_PATH, root.path());
        ctx.info("root volume " + root.path() + " (" + root.sizeBytes() + " bytes)");
    }

    static String dataDisks(List<VmRequest.DataDiskRequest> disks) {
        return String.join(",", disks.stream().map(d -> d.diskOfferingId() + ":" + d.sizeBytes()).toList());
    }

    /** Whether the create asked for something in param {@code key} (a step for it has work to do). */
    static boolean asked(JobContext ctx, String key) {
        return ctx.optionalParam(key).filter(v -> !v.isBlank()).isPresent();
    }

    /**
     * The data volumes the create asked for (issue 8), on the VM's host at devices vdb, vdc, ...: each row (with its
     * space reserved) is written before its file is made, so the rollback finds everything. The create's recovery is a
     * rollback, so the step is never resumed half-way.
     */
    void createDataVolumes(JobContext ctx) throws DriverException {
        if (!asked(ctx, DATA_DISKS)) {
            return;
        }
        Placed vm = placed(ctx);
        String[] disks = ctx.param(DATA_DISKS).split(",");
        for (int i = 0; i < disks.length; i++) {
            String[] d = disks[i].split(":");
            String volume = dataVolumes.beginForNewVm(ctx.caller().accountId(), vm.id(), i + 1, d[0],
                    Long.parseLong(d[1]), vm.hostId(), vm.clusterId());
            dataVolumes.createFile(volume);
            dataVolumes.markReady(volume);
            ctx.info("data volume vd" + (char) ('a' + i + 1) + " (" + d[1] + " bytes)");
        }
    }

    /** The rollback of {@link #createDataVolumes}: every data volume of the VM, file, row and space. Idempotent. */
    void deleteDataVolumes(JobContext ctx) throws DriverException {
        dataVolumes.deleteAllOf(ctx.resourceId());
    }

    /** Where a created VM went and what it is made of, as the later steps of a create need it. */
    record Placed(String id, String hostId, String clusterId, String imageId, List<String> l3Ids) {
    }

    /**
     * From the create job's inputs and what allocate recorded (no read), or from the VM row for jobs that have neither
     * (vm.start, a job submitted before they were recorded).
     */
    Placed placed(JobContext ctx) {
        Optional<String> host = ctx.get(HOST);
        Optional<String> cluster = ctx.get(CLUSTER);
        Optional<String> image = ctx.optionalParam(IMAGE);
        Optional<String> l3s = ctx.optionalParam(L3S);
        if (host.isPresent() && cluster.isPresent() && image.isPresent() && l3s.isPresent()) {
            return new Placed(ctx.resourceId(), host.get(), cluster.get(), image.get(), List.of(l3s.get().split(",")));
        }
        VmStore.Snapshot vm = store.snapshot(ctx.resourceId());
        return new Placed(vm.id(), vm.hostId(), vm.clusterId(), vm.imageId(), vm.l3Ids());
    }

    /**
     * Deletes the VM's root volume: the one the VM points at or, for a create interrupted after the volume row was
     * written but before the VM pointed at it, the row that names the VM (issue 7: a crash there left volume rows in
     * Creating behind). Idempotent.
     */
    void deleteRootVolume(JobContext ctx) throws DriverException {
        String volume = store.rootVolume(ctx.resourceId());
        if (volume == null) {
            volume = volumes.rootVolumeOf(ctx.resourceId()).orElse(null);
        }
        if (volume != null) {
            volumes.deleteVolume(volume);
            store.setRootVolume(ctx.resourceId(), null);
        }
    }

    void plugNetworks(JobContext ctx) throws DriverException {
        Placed vm = placed(ctx);
        for (String l3 : vm.l3Ids()) {
            ctx.put(BRIDGE + l3, networks.ensureOnHost(vm.hostId(), l3));
        }
    }

    /** Puts every NIC into the security groups asked for (before the start step writes its filter). Idempotent. */
    void joinSecurityGroups(JobContext ctx) {
        String ids = ctx.optionalParam(SECURITY_GROUPS).orElse("");
        if (ids.isBlank()) {
            return;
        }
        VmStore.Snapshot vm = store.snapshot(ctx.resourceId());
        List<io.nubis.securitygroup.SecurityGroups.NicAddress> nics = vm.nics().stream()
                .map(n -> new io.nubis.securitygroup.SecurityGroups.NicAddress(n.id(), n.ip())).toList();
        securityGroups.joinAtCreate(vm.accountId(), vm.id(), nics, List.of(ids.split(",")));
    }

    void leaveSecurityGroups(JobContext ctx) {
        securityGroups.forgetVm(ctx.resourceId());
    }

    /** Takes DHCP off the host for the VM's L3 networks that no other VM on the host uses. */
    void unplugNetworks(JobContext ctx) throws DriverException {
        VmStore.Snapshot vm = store.snapshot(ctx.resourceId());
        if (vm.hostId() == null) {
            return;
        }
        for (String l3 : vm.l3Ids()) {
            if (!store.otherVmsUse(vm.hostId(), l3, vm.id())) {
                networks.removeFromHost(vm.hostId(), l3);
            }
        }
    }

    void defineAndStart(JobContext ctx) throws DriverException {
        // a create says whether the VM has cloud-init data (no read for the many without); a later start may have to
        // define the domain again (a host that lost it), so it always asks
        boolean create = VmCreateWorkflow.TYPE.equals(ctx.type());
        boolean cloudInit = ctx.optionalParam(CLOUD_INIT).isPresent() || !create;
        // likewise for data volumes: a create made those it asked for, a later start reads them
        boolean dataDisks = asked(ctx, DATA_DISKS) || !create;
        StartFacts f = startFacts(ctx.resourceId(), ctx.values(), cloudInit, dataDisks);
        VmStore.Snapshot vm = f.vm();
        VmLifecycle.Placement p = f.placement();
        List<VmSpec.Nic> nics = f.nics();
        String rootPath = f.rootPath();
        nicFilters.ensure(p, vm.nics(), f.firewalls());
        p.driver().createAndStart(p.host(), new VmSpec(vm.id(), vm.name(), vm.cpus(), vm.memoryMib(), rootPath, nics,
                VmLifecycle.consoleLog(vm.id()), f.dataDisks(), isoPath(vm), f.configDrive()));
        ctx.info("domain nubis-" + vm.id() + " started");
    }

    /**
     * What the start step reads: the VM, its host, its NICs' bridges and its root volume's path (both recorded by the
     * create's earlier steps, read for a later start), its data volumes (a domain the host lost is defined again with
     * them), and the firewall of each NIC's filter.
     */
    record StartFacts(VmStore.Snapshot vm, VmLifecycle.Placement placement, List<VmSpec.Nic> nics, String rootPath,
            List<io.nubis.driver.DataDisk> dataDisks, io.nubis.driver.ConfigDrive configDrive,
            java.util.Map<String, io.nubis.driver.NicFirewall> firewalls) {
    }

    /** The start step's reads in one transaction (issue 7, part 4: they were four), the NICs' firewalls included. */
    @jakarta.transaction.Transactional
    StartFacts startFacts(String vmId, java.util.Map<String, String> recorded, boolean cloudInit, boolean dataDisks) {
        VmStore.Snapshot vm = store.snapshot(vmId);
        VmLifecycle.Placement p = lifecycle.placement(vm);
        List<VmSpec.Nic> nics = vm.nics().stream().map(n -> new VmSpec.Nic(n.id(), n.mac(),
                recorded.containsKey(BRIDGE + n.l3Id())
                        ? recorded.get(BRIDGE + n.l3Id())
                        : networks.bridgeOf(n.l3Id())))
                .toList();
        return new StartFacts(vm, p, nics,
                recorded.containsKey(ROOT_PATH) ? recorded.get(ROOT_PATH) : volumes.path(vm.rootVolumeId()),
                dataDisks ? dataVolumes.disksOf(vmId) : List.of(),
                cloudInit ? cloudInits.configDrive(vmId) : null, nicFilters.firewalls(vm.nics()));
    }

    /**
     * The host path of the ISO in the VM's CD-ROM drive, copied into the host's image cache if it is not there (a host
     * that lost it, or a VM moved); null when the drive is empty.
     */
    String isoPath(VmStore.Snapshot vm) throws DriverException {
        if (vm.isoImageId() == null) {
            return null;
        }
        return volumes.isoPath(primaryStorage.idForCluster(vm.clusterId(), vm.hostId()), vm.hostId(),
                vm.isoImageId());
    }

    /** Destroys the domain, then removes its NICs' anti-spoofing rules (never while it could still run). */
    void undefine(JobContext ctx) throws DriverException {
        VmStore.Snapshot vm = store.snapshot(ctx.resourceId());
        if (vm.hostId() == null) {
            return;
        }
        VmLifecycle.Placement p = lifecycle.placement(vm);
        p.driver().destroy(p.host(), p.vmId());
        nicFilters.remove(p, vm.nics());
    }

    /** A DNS label for DHCP: the VM's name when it is one, else {@code vm-} and the id's first 8 characters. */
    static String hostname(VmStore.Snapshot vm) {
        String n = vm.name().toLowerCase();
        return IpamService.HOSTNAME.matcher(n).matches() ? n : "vm-" + vm.id().substring(0, 8);
    }
}
