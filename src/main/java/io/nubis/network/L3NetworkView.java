package io.nubis.network;

import java.time.Instant;
import java.util.List;

/**
 * An L3 network as the API and the portal show it. {@code ipTotal} counts the addresses of its ranges, {@code ipUsed}
 * the allocated ones. A private network also names its account, its VNI and pool.
 */
public record L3NetworkView(String id, String l2Id, String l2Name, String zoneId, String name, String description,
        String cidr, String netmask, String gateway, List<String> dnsServers, boolean shared, NetworkState state,
        long ipTotal, long ipUsed, Instant createdAt, Instant updatedAt, L3Kind kind, String accountId, Integer vni,
        String vniPoolId) {

    public int usedPercent() {
        return ipTotal == 0 ? 0 : (int) Math.round(100.0 * ipUsed / ipTotal);
    }
}
