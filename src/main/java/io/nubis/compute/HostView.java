package io.nubis.compute;

import java.time.Instant;

/**
 * A host as the API and the portal show it. Memory in MiB. Secrets never appear: {@code credentialKind} says which kind
 * of login is stored (password, privateKey or none). {@code presentedHostKey} is set when the host showed a different
 * SSH key than the accepted {@code hostKeyFingerprint}.
 */
public record HostView(String id, String zoneId, String zoneName, String clusterId, String clusterName, String name,
        String description, String address, int sshPort, String username, String driverType, HostState state,
        HostStatus status, String statusReason, int cpuTotal, int cpuAvailable, long memoryTotalMib,
        long memoryAvailableMib, String cpuModel, String hypervisorVersion, String osVersion, Boolean vlanSupported,
        String nfsMode, String hostKeyFingerprint, String presentedHostKey, String credentialKind, Instant lastPingAt,
        Instant connectedAt, Instant createdAt, Instant updatedAt) {

    /** Percent of CPUs in use, for capacity bars. */
    public int cpuUsedPercent() {
        return cpuTotal == 0 ? 0 : (int) Math.round(100.0 * (cpuTotal - cpuAvailable) / cpuTotal);
    }

    public int memoryUsedPercent() {
        return memoryTotalMib == 0
                ? 0
                : (int) Math.round(100.0 * (memoryTotalMib - memoryAvailableMib) / memoryTotalMib);
    }
}
