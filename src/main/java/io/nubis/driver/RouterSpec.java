package io.nubis.driver;

import java.util.List;

/**
 * The virtual router of a private L3 network on one host: a network namespace with a leg on the private network's
 * bridge (carrying the gateway address) and a leg on a public network's bridge (carrying the router's public address
 * and the elastic IPs), forwarding between them with outbound SNAT, elastic IPs (1:1 NAT), port forwarding, and a DNS
 * server on the gateway address that knows the network's VMs by name and asks {@code upstreamDns} for every other name.
 *
 * @param l3NetworkId the private L3 network (names the namespace, devices and files)
 * @param privateBridge the private network's bridge
 * @param gatewayIp the gateway address of the private network (the router's private leg)
 * @param privatePrefix prefix length of the private subnet
 * @param publicBridge the public network's bridge
 * @param publicIp the router's public address (outbound SNAT source, port-forwarding destination)
 * @param publicPrefix prefix length of the public subnet
 * @param publicGateway the public network's gateway (the router's default route), or null
 * @param upstreamDns DNS servers asked for names that are not the network's VMs (may be empty)
 * @param names the network's VMs: host name and address
 * @param elasticIps public addresses bound 1:1 to private addresses
 * @param portForwards public port ranges forwarded to private addresses
 * @param listeners load balancer listeners on the router's public address (issue 11)
 */
public record RouterSpec(String l3NetworkId, String privateBridge, String gatewayIp, int privatePrefix,
        String publicBridge, String publicIp, int publicPrefix, String publicGateway, List<String> upstreamDns,
        List<Name> names, List<ElasticIp> elasticIps, List<PortForward> portForwards, List<Listener> listeners) {

    public RouterSpec {
        upstreamDns = List.copyOf(upstreamDns);
        names = List.copyOf(names);
        elasticIps = List.copyOf(elasticIps);
        portForwards = List.copyOf(portForwards);
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
    }

    /** Without load balancers. */
    public RouterSpec(String l3NetworkId, String privateBridge, String gatewayIp, int privatePrefix,
            String publicBridge, String publicIp, int publicPrefix, String publicGateway, List<String> upstreamDns,
            List<Name> names, List<ElasticIp> elasticIps, List<PortForward> portForwards) {
        this(l3NetworkId, privateBridge, gatewayIp, privatePrefix, publicBridge, publicIp, publicPrefix,
                publicGateway, upstreamDns, names, elasticIps, portForwards, List.of());
    }

    /**
     * A load balancer listener: connections to the router's public address on {@code port} are spread over the backends
     * that pass their health check (a TCP connect, or {@code GET /} answered below 500 for {@code http}) every
     * {@code checkSeconds}; a backend is out after 2 failed checks and back after 2 good ones.
     *
     * @param protocol {@code tcp} or {@code http}
     * @param algorithm {@code roundrobin} or {@code leastconn}
     * @param address an address of the private subnet the listener binds (the router's private leg takes it), or null:
     *     the router's public address
     */
    public record Listener(String protocol, int port, String algorithm, int checkSeconds, List<Backend> backends,
            String address) {

        public Listener {
            backends = List.copyOf(backends);
        }

        /** On the router's public address. */
        public Listener(String protocol, int port, String algorithm, int checkSeconds, List<Backend> backends) {
            this(protocol, port, algorithm, checkSeconds, backends, null);
        }
    }

    /** A backend of a listener: a private address and port, with a weight 1-256. */
    public record Backend(String ip, int port, int weight) {
    }

    /** A VM of the network as DNS answers it. */
    public record Name(String hostname, String ip) {
    }

    /** An elastic IP: {@code publicIp} is {@code privateIp} to the outside, both ways. */
    public record ElasticIp(String publicIp, String privateIp) {
    }

    /**
     * Connections to the router's public address on {@code publicStart..publicEnd} go to {@code privateIp} on
     * {@code privateStart..} (the same number of ports, in order).
     *
     * @param protocol {@code tcp} or {@code udp}
     */
    public record PortForward(String protocol, int publicStart, int publicEnd, String privateIp, int privateStart) {
    }
}
