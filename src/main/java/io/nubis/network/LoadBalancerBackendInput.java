package io.nubis.network;

/** A backend to add: a VM NIC address of the network, a port (1-65535) and a weight (1-256, default 1). */
public record LoadBalancerBackendInput(String ip, Integer port, Integer weight) {
}
