package io.nubis.network;

/**
 * A load balancer to create: a name unique in the network, {@code protocol} tcp or http (default tcp), {@code port} on
 * the router's public address, {@code algorithm} roundrobin or leastconn (default roundrobin), {@code checkSeconds}
 * 1-300 (default 5).
 */
public record LoadBalancerInput(String name, String protocol, Integer port, String algorithm, Integer checkSeconds) {
}
