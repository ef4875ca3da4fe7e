package io.nubis.network;

import java.time.Instant;

/** One allocated address: who holds it ({@code ownerType}/{@code ownerId}), and the NIC's MAC and host name if any. */
public record IpAllocationView(String id, String l3Id, String ip, String ownerType, String ownerId, String mac,
        String hostname, String hostId, Instant createdAt) {

    static IpAllocationView of(IpAllocation a) {
        return new IpAllocationView(a.id, a.l3Id, a.ip, a.ownerType, a.ownerId, a.mac, a.hostname, a.hostId,
                a.createdAt);
    }
}
