package io.nubis.driver;

/**
 * Networks on a hypervisor host: the Linux bridge of an L2 network and the DHCP service of an L3 network. One
 * implementation per hypervisor type. Both calls are declarative: they make the host match the spec, so calling them
 * again with the same spec changes nothing, and calling with a changed spec (e.g. one more lease) updates the host.
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
}
