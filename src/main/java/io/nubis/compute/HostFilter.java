package io.nubis.compute;

/** Optional filters of the host list; null or blank fields do not filter. {@code q} matches name or address. */
public record HostFilter(String zoneId, String clusterId, HostState state, HostStatus status, String q) {

    public static HostFilter none() {
        return new HostFilter(null, null, null, null, null);
    }
}
