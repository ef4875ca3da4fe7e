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

    /**
     * Places the VM unless it already has a host: on a host of a cluster that reaches all of the VM's L3 networks.
     * Reads the VM, its networks' clusters and reserves in one transaction. Returns its host, or empty when no host has
     * room.
     */
    public Optional<HostAllocator.Reservation> place(String vmId, HostAllocator.Strategy strategy) {
        return LockConflicts.retryInNewTransaction(5, () -> placeOnce(vmId, strategy));
    }

    private Optional<HostAllocator.Reservation> placeOnce(String vmId, HostAllocator.Strategy strategy) {
        VmInstance vm = VmInstance.findById(vmId);
        if (vm == null) {
            throw new IllegalStateException("VM " + vmId + " is gone");
        }
        if (vm.hostId != null) {
            return Optional.of(new HostAllocator.Reservation(vm.hostId, vm.clusterId));
        }
        List<String> clusters = null;
        for (String l3 : VmNic.<VmNic>list("vmId", vmId).stream().map(n -> n.l3Id).distinct().toList()) {
            List<String> reachable = l3s.clusterIds(l3);
            clusters = clusters == null ? new ArrayList<>(reachable) : clusters;
            clusters.retainAll(reachable);
        }
        Optional<HostAllocator.Reservation> got = allocator.reserveHost(clusters == null ? List.of() : clusters,
                vm.cpus, vm.memoryMib, strategy);
        got.ifPresent(r -> {
            vm.hostId = r.hostId();
            vm.clusterId = r.clusterId();
            vm.updatedAt = Instant.now();
        });
        return got;
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
