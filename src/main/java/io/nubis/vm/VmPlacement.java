package io.nubis.vm;

import io.nubis.compute.HostAllocator;
import io.nubis.platform.LockConflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
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

    /** Places the VM unless it already has a host; returns its host, or empty when no host has room. */
    public Optional<String> place(String vmId, List<String> clusterIds, HostAllocator.Strategy strategy) {
        return LockConflicts.retryInNewTransaction(5,
                () -> placeOnce(vmId, clusterIds, strategy));
    }

    private Optional<String> placeOnce(String vmId, List<String> clusterIds, HostAllocator.Strategy strategy) {
        VmInstance vm = VmInstance.findById(vmId);
        if (vm == null) {
            throw new IllegalStateException("VM " + vmId + " is gone");
        }
        if (vm.hostId != null) {
            return Optional.of(vm.hostId);
        }
        Optional<String> host = allocator.reserve(clusterIds, vm.cpus, vm.memoryMib, strategy);
        host.ifPresent(h -> {
            vm.hostId = h;
            vm.clusterId = allocator.clusterOf(h);
            vm.updatedAt = Instant.now();
        });
        return host;
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
