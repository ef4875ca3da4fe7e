package io.nubis.vm;

import io.nubis.platform.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Short transactions over VM rows for the workflow steps, which run outside transactions. */
@ApplicationScoped
public class VmStore {

    /** A VM as a step needs it, read in one transaction. */
    public record Snapshot(String id, String name, String accountId, String hostId, String imageId, int cpus,
            long memoryMib, String rootVolumeId, List<NicSnapshot> nics) {

        public List<String> l3Ids() {
            return nics.stream().map(NicSnapshot::l3Id).distinct().toList();
        }
    }

    /** A NIC as a step needs it. */
    public record NicSnapshot(String id, String l3Id, int deviceIndex, String mac, String ip) {
    }

    @Transactional
    public Snapshot snapshot(String vmId) {
        VmInstance vm = VmInstance.findById(vmId);
        if (vm == null) {
            throw new NotFoundException(VmService.TYPE, vmId);
        }
        List<NicSnapshot> nics = VmNic.<VmNic>list("vmId", vmId).stream()
                .sorted(Comparator.comparingInt(n -> n.deviceIndex))
                .map(n -> new NicSnapshot(n.id, n.l3Id, n.deviceIndex, n.mac, n.ip)).toList();
        return new Snapshot(vm.id, vm.name, vm.accountId, vm.hostId, vm.imageId, vm.cpus, vm.memoryMib,
                vm.rootVolumeId, nics);
    }

    @Transactional
    public void setNicIp(String nicId, String ip) {
        VmNic nic = VmNic.findById(nicId);
        if (nic != null) {
            nic.ip = ip;
        }
    }

    @Transactional
    public void setRootVolume(String vmId, String volumeId) {
        VmInstance vm = VmInstance.findById(vmId);
        if (vm != null) {
            vm.rootVolumeId = volumeId;
            vm.updatedAt = Instant.now();
        }
    }

    @Transactional
    public String rootVolume(String vmId) {
        VmInstance vm = VmInstance.findById(vmId);
        return vm == null ? null : vm.rootVolumeId;
    }

    /** Whether a VM other than {@code vmId}, not destroyed, has a NIC on the L3 network on that host. */
    @Transactional
    public boolean otherVmsUse(String hostId, String l3Id, String vmId) {
        return VmInstance.count("hostId = ?1 and id <> ?2 and state <> ?3 and id in (select n.vmId from VmNic n"
                + " where n.l3Id = ?4)", hostId, vmId, VmState.Destroyed, l3Id) > 0;
    }
}
