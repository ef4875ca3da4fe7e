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
 * @param nfsMode how the host can reach NFS primary storage (issue 12): {@code network} (qemu's libnfs client and
 *     Nubis's libnfs program), {@code mount} (a kernel NFS client; Nubis does not use it yet), {@code network+mount},
 *     {@code none}; null: unknown
 */
public record HostFacts(int cpus, long memoryMib, String cpuModel, String hypervisorVersion, String osVersion,
        String hostKeyFingerprint, Boolean vlanSupported, String nfsMode) {
}
