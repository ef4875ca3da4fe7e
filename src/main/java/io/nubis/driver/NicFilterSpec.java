package io.nubis.driver;

import java.util.regex.Pattern;

/**
 * Who a VM NIC may claim to be on its L2 network: the input of {@link NetworkDriver#ensureNicFilter} (layer-2
 * anti-spoofing). Drivers check it with {@link #check()} before touching a host.
 *
 * @param nicId Nubis id of the NIC (lower-case UUID); its host device is {@link NicDevice#name(String)}
 * @param mac the NIC's MAC address, lower-case: the only Ethernet and ARP sender address the guest may use
 * @param ip the NIC's IPv4 address (from IPAM): the only IPv4 and ARP sender address the guest may use, besides 0.0.0.0
 *     for a DHCP discovery and an ARP probe
 * @param firewall what may reach the guest and what it may send (security groups); null: nothing reaching the guest is
 *     filtered and it may send anything from its own addresses (a NIC in no security group)
 */
public record NicFilterSpec(String nicId, String mac, String ip, NicFirewall firewall) {

    /** A NIC in no security group: anti-spoofing only. */
    public NicFilterSpec(String nicId, String mac, String ip) {
        this(nicId, mac, ip, null);
    }

    /** A dotted-quad IPv4 address without leading zeros. */
    public static final Pattern IPV4 = Pattern
            .compile(
                    "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$");

    /** The NIC's host device, the name the rules refer to. */
    public String device() {
        return NicDevice.name(nicId);
    }

    /**
     * Throws {@link IllegalArgumentException} naming the first value a driver would refuse: a NIC id that is not a
     * lower-case UUID, a MAC that is not six lower-case hex pairs (or is a multicast address), an IP that is not a
     * unicast IPv4 address (0.0.0.0, 255.255.255.255 and 224.0.0.0/4 and above are refused).
     */
    public NicFilterSpec check() {
        NicDevice.name(nicId);
        if (mac == null || !VmSpecRules.MAC.matcher(mac).matches()) {
            throw new IllegalArgumentException("MAC address must be six lower-case hex pairs, not " + mac);
        }
        if ((Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) {
            throw new IllegalArgumentException("a NIC's MAC address cannot be a multicast address: " + mac);
        }
        if (ip == null || !IPV4.matcher(ip).matches()) {
            throw new IllegalArgumentException("IP address must be a dotted-quad IPv4 address, not " + ip);
        }
        int first = Integer.parseInt(ip.substring(0, ip.indexOf('.')));
        if (first == 0 || first >= 224) {
            throw new IllegalArgumentException("a NIC's IP address must be a unicast address, not " + ip);
        }
        if (firewall != null) {
            firewall.check();
        }
        return this;
    }
}
