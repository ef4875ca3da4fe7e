package io.nubis.network;

import java.time.Instant;

/** A port-forwarding rule as the API and the portal show it; {@code publicIp}: the router's, null until it exists. */
public record PortForwardView(String id, String l3NetworkId, String protocol, String publicIp, int publicStart,
        int publicEnd, String privateIp, int privateStart, Instant createdAt) {
}
