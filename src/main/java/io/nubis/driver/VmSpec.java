package io.nubis.driver;

import java.util.List;

/**
 * Everything needed to define a VM on a host.
 *
 * @param vmId Nubis UUID of the VM (the hypervisor name is derived from it)
 * @param title the user's VM name, shown as the domain title only (escaped; never used in commands)
 * @param cpus virtual CPUs
 * @param memoryMib memory
 * @param rootVolumePath root disk file on the host (qcow2)
 * @param nics network interfaces, in order
 * @param consoleLogPath file on the host receiving the serial console output
 * @param dataDisks data volumes attached to the VM (qcow2), each at its device index; null means none
 * @param cdromPath the ISO file in the VM's CD-ROM drive (issue 8), or null for an empty drive; a VM with an ISO boots
 *     from it first, then from its root disk. Every VM has the drive, so an ISO can be inserted while it runs.
 * @param configDrive cloud-init data (issue 13), or null: the driver gives the VM a config drive of it
 */
public record VmSpec(String vmId, String title, int cpus, long memoryMib, String rootVolumePath, List<Nic> nics,
        String consoleLogPath, List<DataDisk> dataDisks, String cdromPath, ConfigDrive configDrive) {

    /** A VM without cloud-init data. */
    public VmSpec(String vmId, String title, int cpus, long memoryMib, String rootVolumePath, List<Nic> nics,
            String consoleLogPath, List<DataDisk> dataDisks, String cdromPath) {
        this(vmId, title, cpus, memoryMib, rootVolumePath, nics, consoleLogPath, dataDisks, cdromPath, null);
    }

    /** A VM with an empty CD-ROM drive. */
    public VmSpec(String vmId, String title, int cpus, long memoryMib, String rootVolumePath, List<Nic> nics,
            String consoleLogPath, List<DataDisk> dataDisks) {
        this(vmId, title, cpus, memoryMib, rootVolumePath, nics, consoleLogPath, dataDisks, null);
    }

    /** A VM without data disks. */
    public VmSpec(String vmId, String title, int cpus, long memoryMib, String rootVolumePath, List<Nic> nics,
            String consoleLogPath) {
        this(vmId, title, cpus, memoryMib, rootVolumePath, nics, consoleLogPath, List.of());
    }

    /**
     * One NIC: its Nubis id, its MAC address and the bridge it plugs into. Its host device is named
     * {@link NicDevice#name(String) NicDevice.name(id)}, so {@link NetworkDriver#ensureNicFilter} can confine it before
     * the VM starts.
     */
    public record Nic(String id, String mac, String bridge) {

        /** The NIC's host device. */
        public String device() {
            return NicDevice.name(id);
        }
    }
}
