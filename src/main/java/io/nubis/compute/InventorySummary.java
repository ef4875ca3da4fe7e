package io.nubis.compute;

import java.util.Map;

/**
 * The cloud at a glance, for the admin dashboard: how many zones, clusters and hosts (by status), and the CPU and
 * memory of all hosts, in total and still available. Memory in MiB.
 */
public record InventorySummary(long zones, long clusters, long hosts, Map<HostStatus, Long> hostsByStatus,
        long cpuTotal, long cpuAvailable, long memoryTotalMib, long memoryAvailableMib) {

    public InventorySummary {
        hostsByStatus = Map.copyOf(hostsByStatus);
    }

    public long hostsWithStatus(HostStatus status) {
        return hostsByStatus.getOrDefault(status, 0L);
    }

    public long hostsConnected() {
        return hostsWithStatus(HostStatus.Connected);
    }

    public long hostsConnecting() {
        return hostsWithStatus(HostStatus.Connecting);
    }

    public long hostsDisconnected() {
        return hostsWithStatus(HostStatus.Disconnected);
    }

    public long hostsDeleting() {
        return hostsWithStatus(HostStatus.Deleting);
    }

    public long cpuUsed() {
        return cpuTotal - cpuAvailable;
    }

    public long memoryUsedMib() {
        return memoryTotalMib - memoryAvailableMib;
    }

    public int cpuUsedPercent() {
        return cpuTotal == 0 ? 0 : (int) Math.round(100.0 * cpuUsed() / cpuTotal);
    }

    public int memoryUsedPercent() {
        return memoryTotalMib == 0 ? 0 : (int) Math.round(100.0 * memoryUsedMib() / memoryTotalMib);
    }
}
