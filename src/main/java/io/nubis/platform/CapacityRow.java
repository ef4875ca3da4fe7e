package io.nubis.platform;

/**
 * One capacity figure a feature publishes for the dashboards (issue 13): how much of {@code metric} is used out of
 * {@code total} in one scope.
 *
 * @param scope {@code zone}, {@code cluster}, {@code host}, {@code primary-storage} or {@code l3-network}
 * @param id the scope's id
 * @param name its name, for people
 * @param zoneId the zone it is in (for a zone: its own id)
 * @param metric {@code cpu} (vCPUs), {@code memory} (MiB), {@code storage} (bytes) or {@code ips} (addresses)
 * @param used what is taken
 * @param total what there is (with over-provisioning where the scope has it)
 */
public record CapacityRow(String scope, String id, String name, String zoneId, String metric, long used, long total) {

    public int usedPercent() {
        return total <= 0 ? 0 : (int) Math.min(100, Math.round(100.0 * used / total));
    }
}
