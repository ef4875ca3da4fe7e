package io.nubis.vm;

import io.nubis.platform.Rows;
import io.nubis.platform.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Short transactions over VM rows for the workflow steps, which run outside transactions. */
@ApplicationScoped
public class VmStore {

    @Inject
    io.nubis.platform.Sql sql;

    /** A VM as a step needs it, read in one transaction. */
    public record Snapshot(String id, String name, String accountId, String hostId, String clusterId, String imageId,
            int cpus, long memoryMib, String rootVolumeId, List<NicSnapshot> nics, String isoImageId) {

        public List<String> l3Ids() {
            return nics.stream().map(NicSnapshot::l3Id).distinct().toList();
        }
    }

    /** A NIC as a step needs it. */
    public record NicSnapshot(String id, String l3Id, int deviceIndex, String mac, String ip) {
    }

    /** The VM and its NICs in one statement (a step reads this at its start; it must cost little). */
    @Transactional
    public Snapshot snapshot(String vmId) {
        List<Object[]> rows = sql.flushedQuery("SELECT v.id, v.name, v.account_id, v.host_id, v.image_id, v.cpus,"
                + " v.memory_mib, v.root_volume_id, n.id AS nic_id, n.l3_id, n.device_index, n.mac, n.ip, v.cluster_id,"
                + " v.iso_image_id"
                + " FROM vm_instance v LEFT JOIN vm_nic n ON n.vm_id = v.id WHERE v.id = ? ORDER BY n.device_index",
                vmId);
        if (rows.isEmpty()) {
            throw new NotFoundException(VmService.TYPE, vmId);
        }
        Object[] v = rows.get(0);
        List<NicSnapshot> nics = rows.stream().filter(r -> r[8] != null)
                .map(r -> new NicSnapshot((String) r[8], (String) r[9], ((Number) r[10]).intValue(), (String) r[11],
                        (String) r[12]))
                .toList();
        return new Snapshot((String) v[0], (String) v[1], (String) v[2], (String) v[3], (String) v[13],
                (String) v[4], ((Number) v[5]).intValue(), ((Number) v[6]).longValue(), (String) v[7], nics,
                (String) v[14]);
    }

    /**
     * Inserts a new VM's row, in the create request's transaction: plain JDBC, once per create (docs/architecture.md);
     * the object stays a plain value, not an entity of the session.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(VmInstance vm) {
        sql.update("INSERT INTO vm_instance (id, name, description, account_id, zone_id, cluster_id, host_id,"
                + " migration_host_id, offering_id, image_id, iso_image_id, cpus, memory_mib, planned_volume_bytes,"
                + " root_volume_id, state, state_reason, state_reason_public, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", vm.id, vm.name,
                vm.description,
                vm.accountId, vm.zoneId, vm.clusterId, vm.hostId, vm.migrationHostId, vm.offeringId, vm.imageId,
                vm.isoImageId, vm.cpus, vm.memoryMib, vm.plannedVolumeBytes, vm.rootVolumeId, vm.state.name(),
                vm.stateReason, vm.stateReasonPublic, vm.createdAt, vm.updatedAt);
    }

    /** The ISO in the VM's CD-ROM drive (null: empty). */
    @Transactional
    public void setIso(String vmId, String isoImageId) {
        VmInstance.update("isoImageId = ?1, updatedAt = ?2 where id = ?3", isoImageId, java.time.Instant.now(), vmId);
    }

    /** The NIC's address (null: none). Once per NIC and create: plain JDBC ({@link io.nubis.platform.Sql}). */
    @Transactional
    public void setNicIp(String nicId, String ip) {
        sql.update("UPDATE vm_nic SET ip = ? WHERE id = ?", ip, nicId);
    }

    /** The VM's root volume, in the transaction that writes the volume's row (once per create: plain JDBC). */
    @Transactional
    public void setRootVolume(String vmId, String volumeId) {
        sql.update("UPDATE vm_instance SET root_volume_id = ?, updated_at = ? WHERE id = ?", volumeId, Instant.now(),
                vmId);
    }

    @Transactional
    public String rootVolume(String vmId) {
        VmInstance vm = VmInstance.findById(vmId);
        return vm == null ? null : vm.rootVolumeId;
    }

    /** Whether a VM other than {@code vmId}, not destroyed, has a NIC on the L3 network on that host. */
    @Transactional
    public boolean otherVmsUse(String hostId, String l3Id, String vmId) {
        return Rows.count(VmInstance.class,
                "hostId = ?1 and id <> ?2 and state <> ?3 and id in (select n.vmId from VmNic n"
                        + " where n.l3Id = ?4)",
                hostId, vmId, VmState.Destroyed, l3Id) > 0;
    }

    /** The VMs of these NICs that are Running or Stopped on a host (their NIC filters exist there). */
    @Transactional
    public List<String> vmsWithFilters(java.util.Collection<String> nicIds) {
        if (nicIds.isEmpty()) {
            return List.of();
        }
        List<String> vmIds = VmNic.<VmNic>list("id in ?1", nicIds).stream().map(n -> n.vmId).distinct().toList();
        if (vmIds.isEmpty()) {
            return List.of();
        }
        return VmInstance.<VmInstance>list("id in ?1 and hostId is not null and state in ?2 order by id", vmIds,
                List.of(VmState.Running, VmState.Stopped)).stream().map(v -> v.id).toList();
    }

    /** Names of these VMs, by id. */
    @Transactional
    public java.util.Map<String, String> names(List<String> vmIds) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        if (!vmIds.isEmpty()) {
            VmInstance.<VmInstance>list("id in ?1", vmIds).forEach(v -> out.put(v.id, v.name));
        }
        return out;
    }
}
