package io.nubis.network;

/**
 * Fields of an L3 network. On create all apply; on update only name, description, dnsServers and shared (the subnet and
 * gateway are what NICs already use). {@code dnsServers} is a comma-separated list of IPv4 addresses. With
 * {@code vniPoolId} instead of {@code l2Id} it is a private network of the caller's account, on a VXLAN segment of its
 * own drawn from that pool ({@code shared} does not apply; the gateway defaults to the first address).
 */
public record L3NetworkInput(String l2Id, String name, String description, String cidr, String gateway,
        String dnsServers, Boolean shared, String vniPoolId) {

    /** A public network (admin) on an L2 network. */
    public L3NetworkInput(String l2Id, String name, String description, String cidr, String gateway,
            String dnsServers, Boolean shared) {
        this(l2Id, name, description, cidr, gateway, dnsServers, shared, null);
    }
}
