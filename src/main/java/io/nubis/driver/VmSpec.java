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
 */
public record VmSpec(String vmId, String title, int cpus, long memoryMib, String rootVolumePath, List<Nic> nics,
        String consoleLogPath) {

    /** One NIC: its MAC address and the bridge it plugs into. */
    public record Nic(String mac, String bridge) {
    }
}
