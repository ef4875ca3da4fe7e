package io.nubis.network;

import java.time.Instant;
import java.util.List;

/**
 * A load balancer as the API shows it: where it listens ({@code vip}, an address of the network, or else the router's
 * {@code publicIp}, null before the router exists).
 */
public record LoadBalancerView(String id, String l3NetworkId, String name, String protocol, String publicIp, int port,
        String algorithm, int checkSeconds, List<Backend> backends, Instant createdAt, String vip) {

    /** A backend; {@code health}: UP, DOWN, ... as the router's load balancer sees it now (null: unknown). */
    public record Backend(String id, String ip, int port, int weight, String health) {
    }
}
