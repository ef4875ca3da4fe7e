package io.nubis.network;

/**
 * A port-forwarding rule: {@code protocol} tcp or udp; {@code publicStart..publicEnd} (end defaults to start) on the
 * router's public address; {@code privateIp} a VM NIC address of the network; {@code privateStart} defaults to
 * {@code publicStart}.
 */
public record PortForwardInput(String protocol, Integer publicStart, Integer publicEnd, String privateIp,
        Integer privateStart) {
}
