package io.nubis.network;

import java.time.Instant;

/** An elastic IP as the API and the portal show it; {@code privateIp} null when detached. */
public record ElasticIpView(String id, String accountId, String l3NetworkId, String l3NetworkName, String ip,
        String privateIp, Instant createdAt, Instant updatedAt) {
}
