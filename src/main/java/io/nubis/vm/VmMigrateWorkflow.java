package io.nubis.vm;

import io.nubis.compute.HostAccess;
import io.nubis.compute.HostAllocator;
import io.nubis.driver.DriverException;
import io.nubis.driver.VmPowerState;
import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import io.nubis.network.IpamService;
import io.nubis.network.NetworkProvisioner;
import io.nubis.storage.VolumeService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * {@code vm.migrate} (issue 12): a running VM moves live to another host of its cluster, its volumes on shared storage.
 * <ol>
 * <li>{@code reserve-target}: the target's capacity, with {@code vm_instance.migration_host_id} in the same transaction
 * (its rollback releases what the row says).</li>
 * <li>{@code prepare-target}: the VM's networks on the target (bridges, DHCP), its addresses' leases bound to the
 * target, its NIC rules there: the plumbing is in place before the guest arrives.</li>
 * <li>{@code migrate}: the driver moves the running guest; then, in one transaction, the VM's host becomes the target
 * and the source's capacity is released (its volumes follow). Its rollback moves a guest found on the target back and
 * restores the row.</li>
 * <li>{@code clean-source}: the NIC rules, leases and unused networks leave the source (best effort: the VM already
 * runs on the target; what fails is logged and the host reconnect or the next change sweeps it).</li>
 * </ol>
 * The VM is Migrating meanwhile; it is Running at the end either way (on the target, or on the source with the reason).
 */
@ApplicationScoped
public class VmMigrateWorkflow implements Workflow {

    public static final String TYPE = "vm.migrate";
    static final String SOURCE = "source";
    static final String TARGET = "target";
    static final String PREPARED = "targetPrepared";

    @Inject
    VmLifecycle lifecycle;
    @Inject
    VmStore store;
    @Inject
    VmNicFilters nicFilters;
    @Inject
    NetworkProvisioner networks;
    @Inject
    IpamService ipam;
    @Inject
    HostAllocator allocator;
    @Inject
    HostAccess hosts;
    @Inject
    VolumeService volumes;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("reserve-target", this::reserveTarget, this::releaseTarget),
                Step.of("prepare-target", this::prepareTarget, this::unprepareTarget),
                Step.of("migrate", this::migrate, this::migrateBack), Step.of("clean-source", this::cleanSource));
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        lifecycle.setState(ctx.resourceId(), VmState.Running, null);
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        lifecycle.setState(ctx.resourceId(), VmState.valueOf(ctx.param("from")), error, ctx.publicError());
    }

    void reserveTarget(JobContext ctx) {
        String target = ctx.param(TARGET);
        if (!reserve(ctx.resourceId(), target)) {
            VmStore.Snapshot vm = store.snapshot(ctx.resourceId());
            String name = hosts.host(target).name();
            throw new io.nubis.platform.ConflictException(io.nubis.platform.Text.of(VmMessages.class,
                    m -> m.error_vm_migrate_no_capacity(name, vm.cpus(), vm.memoryMib())));
        }
        ctx.info("reserved " + target + " for the VM");
    }

    /** Reserves the target and records it on the VM, in one transaction. Idempotent. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean reserve(String vmId, String target) {
        VmInstance vm = locked(vmId);
        if (target.equals(vm.migrationHostId)) {
            return true;
        }
        if (!allocator.reserveOn(target, vm.cpus, vm.memoryMib)) {
            return false;
        }
        vm.migrationHostId = target;
        vm.updatedAt = Instant.now();
        return true;
    }

    /** Releases what the VM's row says is reserved for its migration. Idempotent. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void releaseTarget(JobContext ctx) {
        VmInstance vm = locked(ctx.resourceId());
        if (vm.migrationHostId != null) {
            allocator.unreserve(vm.migrationHostId, vm.cpus, vm.memoryMib);
            vm.migrationHostId = null;
            vm.updatedAt = Instant.now();
        }
    }

    void prepareTarget(JobContext ctx) throws DriverException {
        String target = ctx.param(TARGET);
        ctx.record(PREPARED, "1");
        VmStore.Snapshot vm = store.snapshot(ctx.resourceId());
        for (String l3 : vm.l3Ids()) {
            networks.ensureOnHost(target, l3);
        }
        for (VmStore.NicSnapshot nic : vm.nics()) {
            ipam.moveToHost(nic.id(), target);
        }
        for (String l3 : vm.l3Ids()) {
            networks.refreshDhcp(target, l3);
        }
        nicFilters.ensure(lifecycle.placementOn(vm.id(), target), vm.nics());
        if (vm.isoImageId() != null) {
            // storage that caches images per host (iSCSI) needs the ISO in the target's cache, at the same path;
            // shared caches (NFS, Ceph) have it already
            volumes.isoPath(volumes.primaryStorageOf(vm.rootVolumeId()), target, vm.isoImageId());
        }
        ctx.info("networks, leases and NIC rules ready on " + target);
    }

    void unprepareTarget(JobContext ctx) throws DriverException {
        if (ctx.get(PREPARED).isEmpty()) {
            return;
        }
        String source = ctx.param(SOURCE);
        String target = ctx.param(TARGET);
        VmStore.Snapshot vm = store.snapshot(ctx.resourceId());
        for (VmStore.NicSnapshot nic : vm.nics()) {
            ipam.moveToHost(nic.id(), source);
        }
        for (String l3 : vm.l3Ids()) {
            networks.refreshDhcp(source, l3);
            networks.refreshDhcp(target, l3);
        }
        nicFilters.remove(lifecycle.placementOn(vm.id(), target), vm.nics());
        for (String l3 : vm.l3Ids()) {
            if (!store.otherVmsUse(target, l3, vm.id())) {
                networks.removeFromHost(target, l3);
            }
        }
    }

    /** The VM on the source and on the target. */
    record Ends(VmLifecycle.Placement from, VmLifecycle.Placement to) {
    }

    Ends ends(JobContext ctx) {
        return new Ends(lifecycle.placementOn(ctx.resourceId(), ctx.param(SOURCE)),
                lifecycle.placementOn(ctx.resourceId(), ctx.param(TARGET)));
    }

    void migrate(JobContext ctx) throws DriverException {
        Ends e = ends(ctx);
        long t0 = System.nanoTime();
        e.from().driver().migrate(e.from().host(), e.to().host(), ctx.resourceId());
        switchHost(ctx.resourceId(), e.from().hostId(), e.to().hostId());
        ctx.info("moved from " + e.from().hostId() + " to " + e.to().hostId() + " in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    /** The VM's host becomes the target, the source's capacity is released; one transaction. Idempotent. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void switchHost(String vmId, String source, String target) {
        VmInstance vm = locked(vmId);
        if (target.equals(vm.hostId)) {
            return;
        }
        allocator.unreserve(source, vm.cpus, vm.memoryMib);
        vm.hostId = target;
        vm.migrationHostId = null;
        vm.updatedAt = Instant.now();
        volumes.moveToHost(vmId, target);
    }

    /** Undoes {@link #switchHost}: the source takes the VM (and its capacity) back, the target stays reserved. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void switchBack(String vmId, String source, String target) {
        VmInstance vm = locked(vmId);
        if (!target.equals(vm.hostId)) {
            return;
        }
        allocator.take(source, vm.cpus, vm.memoryMib); // it ran there: no room check

        vm.hostId = source;
        vm.migrationHostId = target;
        vm.updatedAt = Instant.now();
        volumes.moveToHost(vmId, source);
    }

    /** Rollback: a guest that reached the target goes back to the source, and the row follows. */
    void migrateBack(JobContext ctx) throws DriverException {
        Ends e = ends(ctx);
        VmPowerState onTarget = e.to().driver().list(e.to().host()).get(ctx.resourceId());
        VmPowerState onSource = e.from().driver().list(e.from().host()).get(ctx.resourceId());
        if (onTarget == VmPowerState.Running && onSource == null) {
            e.to().driver().migrate(e.to().host(), e.from().host(), ctx.resourceId());
            ctx.info("moved back to " + e.from().hostId());
        } else if (onTarget == null && onSource != null) {
            // the guest never left, but the step may have put its files on the target before it was interrupted
            // (the config drive goes ahead of the guest): destroy is idempotent and removes only what is there
            e.to().driver().destroy(e.to().host(), ctx.resourceId());
        }
        switchBack(ctx.resourceId(), e.from().hostId(), e.to().hostId());
    }

    void cleanSource(JobContext ctx) {
        String source = ctx.param(SOURCE);
        VmStore.Snapshot vm = store.snapshot(ctx.resourceId());
        try {
            nicFilters.remove(lifecycle.placementOn(vm.id(), source), vm.nics());
            for (String l3 : vm.l3Ids()) {
                networks.refreshDhcp(source, l3);
                if (!store.otherVmsUse(source, l3, vm.id())) {
                    networks.removeFromHost(source, l3);
                }
            }
            nicFilters.ensure(vm.id()); // security group changes made while it moved
        } catch (DriverException | RuntimeException e) {
            ctx.warn("the VM runs on its new host, but cleaning up " + source + " failed: " + e.getMessage());
        }
    }

    private static VmInstance locked(String vmId) {
        VmInstance.getEntityManager().createNativeQuery("SELECT id FROM vm_instance WHERE id = ?1 FOR UPDATE")
                .setParameter(1, vmId).getResultList();
        VmInstance vm = VmInstance.findById(vmId);
        if (vm == null) {
            throw new IllegalStateException("VM " + vmId + " is gone");
        }
        VmInstance.getEntityManager().refresh(vm);
        return vm;
    }
}
