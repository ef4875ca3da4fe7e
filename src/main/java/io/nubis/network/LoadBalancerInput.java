package io.nubis.network;

/**
 * A load balancer to create: a name unique in the network, {@code protocol} tcp or http (default tcp), {@code port} on
 * the router's public address, {@code algorithm} roundrobin or leastconn (default roundrobin), {@code checkSeconds}
 * 1-300 (default 5); {@code address} {@code public} (default: the router's public address) or {@code private} (an
 * address of the network, for its own machines).
 */
public record LoadBalancerInput(String name, String protocol, Integer port, String algorithm, Integer checkSeconds,
        String address) {

    /** On the router's public address. */
    public LoadBalancerInput(String name, String protocol, Integer port, String algorithm, Integer checkSeconds) {
        this(name, protocol, port, algorithm, checkSeconds, null);
    }
}
