package io.nubis.network;

import java.time.Instant;

/** An IP range with its size and how many of its addresses are allocated. */
public record IpRangeView(String id, String l3Id, String startIp, String endIp, long size, long used,
        Instant createdAt) {
}
