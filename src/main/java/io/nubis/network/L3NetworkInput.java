package io.nubis.network;

/**
 * Fields of an L3 network. On create all apply; on update only name, description, dnsServers and shared (the subnet and
 * gateway are what NICs already use). {@code dnsServers} is a comma-separated list of IPv4 addresses.
 */
public record L3NetworkInput(String l2Id, String name, String description, String cidr, String gateway,
        String dnsServers, Boolean shared) {
}
