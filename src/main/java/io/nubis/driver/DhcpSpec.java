package io.nubis.driver;

import java.util.List;

/**
 * DHCP for one L3 network on one host.
 *
 * @param l3NetworkId Nubis id of the L3 network (names the namespace and files)
 * @param bridge the L2 bridge the namespace plugs into
 * @param serverIp address of the DHCP server inside the namespace (from the L3's range, reserved by IPAM)
 * @param prefixLength CIDR prefix length of the subnet
 * @param gateway default gateway handed out (may be null)
 * @param dnsServers DNS servers handed out (may be empty)
 * @param leases static leases: the only addresses dnsmasq hands out
 * @param mtu interface MTU handed out (DHCP option 26, 576-9000), or null to hand out none (guests keep 1500)
 */
public record DhcpSpec(String l3NetworkId, String bridge, String serverIp, int prefixLength, String gateway,
        List<String> dnsServers, List<Lease> leases, Integer mtu) {

    /** Without an MTU (guests keep their default). */
    public DhcpSpec(String l3NetworkId, String bridge, String serverIp, int prefixLength, String gateway,
            List<String> dnsServers, List<Lease> leases) {
        this(l3NetworkId, bridge, serverIp, prefixLength, gateway, dnsServers, leases, null);
    }

    /** One static lease: a NIC's MAC address gets this IP and host name. */
    public record Lease(String mac, String ip, String hostname) {
    }
}
