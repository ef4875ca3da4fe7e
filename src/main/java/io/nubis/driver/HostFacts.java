package io.nubis.driver;

/**
 * What a driver learned about a host on connect.
 *
 * @param cpus logical CPUs
 * @param memoryMib physical memory in MiB
 * @param cpuModel CPU model name
 * @param hypervisorVersion e.g. libvirt version
 * @param osVersion operating system description
 * @param hostKeyFingerprint the SSH host key fingerprint the host presented ({@code SHA256:...}), or null when the
 *     driver does not use SSH
 * @param vlanSupported whether the host's kernel can make 802.1Q VLAN interfaces (null: unknown)
 */
public record HostFacts(int cpus, long memoryMib, String cpuModel, String hypervisorVersion, String osVersion,
        String hostKeyFingerprint, Boolean vlanSupported) {
}
