package io.nubis.vm;

import io.nubis.compute.HostAllocator;
import io.nubis.network.L3NetworkService;
import io.nubis.platform.LockConflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds a VM to a host: reserves the host's capacity and records the host on the VM in ONE transaction, so a crash can
 * never leave capacity reserved for a VM that does not know its host (or the reverse). Releasing clears both, once.
 */
@ApplicationScoped
public class VmPlacement {

    @Inject
    HostAllocator allocator;
    @Inject
    L3NetworkService l3s;
    @Inject
    VmStore store;
    @Inject
    io.nubis.platform.Sql sql;

    /** Where a VM went, and the VM as it is once placed (from the placing transaction's own read). */
    public record Placed(HostAllocator.Reservation reservation, VmStore.Snapshot vm) {
    }

    /**
     * Places the VM unless it already has a host: on a host of a cluster that reaches all of the VM's L3 networks.
     * Reads the VM with its NICs, its networks' clusters and reserves in one transaction. Returns its host and the VM,
     * or empty when no host has room.
     */
    public Optional<Placed> place(String vmId, HostAllocator.Strategy strategy) {
        return place(vmId, strategy, p -> {
        });
    }

    /**
     * {@link #place(String, HostAllocator.Strategy)}, and {@code placed} runs with the placed VM inside the placing
     * transaction (the create gives the NICs their addresses there: one transaction for both, issue 7). The whole
     * transaction is repeated on a deadlock or lock wait timeout, {@code placed} included.
     */
    public Optional<Placed> place(String vmId, HostAllocator.Strategy strategy,
            java.util.function.Consumer<Placed> placed) {
        return LockConflicts.retryInNewTransaction(5, () -> {
            Optional<Placed> p = placeOnce(vmId, strategy);
            p.ifPresent(placed);
            return p;
        });
    }

    private Optional<Placed> placeOnce(String vmId, HostAllocator.Strategy strategy) {
        VmStore.Snapshot vm = store.snapshot(vmId);
        if (vm.hostId() != null) {
            return Optional.of(new Placed(new HostAllocator.Reservation(vm.hostId(), vm.clusterId()), vm));
        }
        List<String> clusters = null;
        for (String l3 : vm.l3Ids()) {
            List<String> reachable = l3s.clusterIds(l3);
            clusters = clusters == null ? new ArrayList<>(reachable) : clusters;
            clusters.retainAll(reachable);
        }
        Optional<HostAllocator.Reservation> got = allocator.reserveHost(clusters == null ? List.of() : clusters,
                vm.cpus(), vm.memoryMib(), strategy);
        if (got.isEmpty()) {
            return Optional.empty();
        }
        HostAllocator.Reservation r = got.get();
        // the reservation and the VM's host in this one transaction (the host's row lock is held until it commits)
        sql.update("UPDATE vm_instance SET host_id = ?, cluster_id = ?, updated_at = ? WHERE id = ?", r.hostId(),
                r.clusterId(), Instant.now(), vmId);
        return Optional.of(new Placed(r, new VmStore.Snapshot(vm.id(), vm.name(), vm.accountId(), r.hostId(),
                r.clusterId(), vm.imageId(), vm.cpus(), vm.memoryMib(), vm.rootVolumeId(), vm.nics(),
                vm.isoImageId())));
    }

    /** Returns the VM's reserved capacity to its host and forgets the host. Idempotent. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String vmId) {
        VmInstance vm = VmInstance.findById(vmId);
        if (vm != null && vm.hostId != null) {
            allocator.unreserve(vm.hostId, vm.cpus, vm.memoryMib);
            vm.hostId = null;
            vm.updatedAt = Instant.now();
        }
    }
}
