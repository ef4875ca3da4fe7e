package io.nubis.driver;

/**
 * Networks on a hypervisor host: the Linux bridge of an L2 network, the DHCP service of an L3 network, and the
 * anti-spoofing filter of each VM NIC. One implementation per hypervisor type. The {@code ensure} calls are
 * declarative: they make the host match the spec, so calling them again with the same spec changes nothing, and calling
 * with a changed spec (e.g. one more lease) updates the host.
 */
public interface NetworkDriver {

    String type();

    /**
     * Creates the bridge if missing and attaches {@code physicalInterface} (if any) to it; brings both up.
     * Post-condition: the bridge exists and is up. Idempotent. A bridge that existed before is never deleted.
     */
    void ensureBridge(HostEndpoint host, BridgeSpec bridge) throws DriverException;

    /**
     * Runs DHCP for an L3 network on this host: a network namespace attached to the bridge with the DHCP server
     * address, and dnsmasq inside it serving exactly the given static leases (no dynamic pool), gateway and DNS
     * servers. Post-condition: dnsmasq answers with the current lease set. Idempotent; replacing the lease set reloads
     * dnsmasq without dropping leases of other NICs.
     */
    void ensureDhcp(HostEndpoint host, DhcpSpec dhcp) throws DriverException;

    /** Stops the L3 network's dnsmasq and removes its namespace on this host. Idempotent. */
    void removeDhcp(HostEndpoint host, String l3NetworkId) throws DriverException;

    /**
     * Confines what a VM NIC may send into its bridge (layer-2 anti-spoofing). Every frame that enters the bridge from
     * the NIC's host device ({@link NicFilterSpec#device()}) is dropped unless:
     * <ul>
     * <li>its Ethernet source is the NIC's MAC, and</li>
     * <li>it is ARP (Ethernet/IPv4, request or reply) whose sender MAC is the NIC's and whose sender IP is the NIC's or
     * 0.0.0.0 (a probe), or</li>
     * <li>it is IPv4 from the NIC's IP, or a DHCP client's {@code 0.0.0.0:68 -> 255.255.255.255:67}; and IPv4 from UDP
     * port 67 (a DHCP server's answer) is dropped whatever its addresses.</li>
     * </ul>
     * Everything else the guest sends (IPv6, VLAN-tagged frames, other EtherTypes) is dropped. What reaches the guest
     * is not filtered.
     *
     * <p>
     * Post-condition: the rules of this device are exactly those of {@code nic}; a previous set for the same device is
     * replaced in one atomic change (no moment without rules), and the rules of other devices are untouched. The device
     * need not exist yet: the rules refer to it by name, so a call before the VM starts filters its first frame.
     * Idempotent. A failed call changes nothing (the device keeps its previous rules, or none). The spec is checked
     * first ({@link NicFilterSpec#check()}); a bad one fails before the host is touched. Rules need not survive a host
     * reboot: callers ensure them again before a VM starts and when a host reconnects.
     */
    void ensureNicFilter(HostEndpoint host, NicFilterSpec nic) throws DriverException;

    /**
     * Removes the rules of the NIC's device, and nothing else (other NICs' rules and whatever structure they share
     * stay). Post-condition: no rule refers to the device. Idempotent: a NIC without rules, or a host without any, is
     * success. A failed call changes nothing. Call it only once the VM no longer runs: a running guest would be
     * unconfined.
     */
    void removeNicFilter(HostEndpoint host, String nicId) throws DriverException;

    /**
     * Makes the host run the private network's virtual router exactly as {@code router} says ({@link RouterSpec}):
     * namespace, both legs, addresses, default route, the NAT and filter rules (replaced in one atomic change, so a
     * re-create yields the same rule set and a change never leaves a moment without rules) and the DNS server with the
     * current names. Both bridges must exist. Idempotent; a router that lost its namespace or its DNS server (a host
     * reboot, a hand-made mistake) is re-created. A failed first call leaves nothing behind.
     */
    void ensureRouter(HostEndpoint host, RouterSpec router) throws DriverException;

    /** Removes the private network's router from the host: DNS server, namespace, legs, files. Idempotent. */
    void removeRouter(HostEndpoint host, String l3NetworkId) throws DriverException;

    /**
     * What the router's load balancers think of their backends now: {@code "<listener port>/<ip>:<port>"} to
     * {@code UP}, {@code DOWN} or another word of the balancer's own; empty when the router runs no load balancer (or
     * the driver cannot tell). Read-only.
     */
    default java.util.Map<String, String> loadBalancerHealth(HostEndpoint host, String l3NetworkId)
            throws DriverException {
        return java.util.Map.of();
    }

    /**
     * Removes a bridge Nubis made for a segment that no longer exists, with its VXLAN device {@code nvx<vni>} (when
     * {@code vni} is not null). Fails, changing nothing, while the bridge has any other port (a VM, a DHCP server, a
     * router). Idempotent: a bridge that is not there is success.
     */
    void removeBridge(HostEndpoint host, String bridge, Integer vni) throws DriverException;
}
