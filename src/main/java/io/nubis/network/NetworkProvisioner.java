package io.nubis.network;

import io.nubis.compute.HostAccess;

import io.nubis.driver.DhcpSpec;
import io.nubis.driver.DriverException;
import io.nubis.driver.NetworkDriver;
import io.nubis.driver.NetworkDrivers;
import io.nubis.platform.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Realises an L3 network on a host for the VMs there: the L2 bridge, and a DHCP server that knows every NIC of the L3
 * network (static leases from IPAM). For workflow steps: call these <em>outside</em> transactions (they call hosts and
 * commit IPAM changes on their own). All methods are idempotent.
 *
 * <p>
 * Each host that carries an L3 network runs its own DHCP server for it, with its own address from the L3 network's
 * ranges (reserved once per host, owner type {@value #DHCP_OWNER}, owner id = host id, bound to the host). Every server
 * hands out the same static leases (all allocations of the L3 network with a MAC), so whichever answers a VM, the VM
 * gets the address IPAM gave its NIC.
 */
@ApplicationScoped
public class NetworkProvisioner {

    /** Owner type of the DHCP server addresses. */
    public static final String DHCP_OWNER = "dhcp";

    @Inject
    HostAccess hosts;
    @Inject
    io.nubis.compute.Topology topology;
    @Inject
    NetworkDrivers drivers;
    @Inject
    IpamService ipam;
    @Inject
    Reads reads;
    @Inject
    L2Lifecycle segments;
    @Inject
    RouterService routers;

    /**
     * Makes the host ready for NICs of the L3 network: ensures the L2 bridge, reserves the host's DHCP server address
     * (once) and runs DHCP there with the L3 network's current lease set. Refused ({@link L2NotAttachedException}) when
     * the host's cluster is not attached to the L3 network's L2 network.
     *
     * <p>
     * On failure the DHCP address stays reserved (a retry reuses it); the caller that gives up on the host calls
     * {@link #removeFromHost}.
     *
     * @return the bridge NICs on the L3 network plug into (as {@link #bridgeOf})
     */
    public String ensureOnHost(String hostId, String l3Id) throws DriverException {
        HostFacts facts = reads.hostFacts(hostId, l3Id);
        L3Facts l3 = facts.l3();
        if (!facts.attached()) {
            String cluster = facts.host().clusterId();
            throw new L2NotAttachedException(l3.l2Name(),
                    topology.clusterNames(java.util.List.of(cluster)).getOrDefault(cluster, cluster));
        }
        NetworkDriver driver = drivers.get(facts.host().driverType());
        L2Lifecycle.Segment segment = facts.segment();
        driver.ensureBridge(facts.host().endpoint(), segments.bridgeFor(segment, facts.host()));
        boolean firstHere = facts.dhcpServerIp() == null;
        String server = firstHere
                ? ipam.allocate(l3Id, DHCP_OWNER, hostId, null, null, hostId).ip()
                : facts.dhcpServerIp();
        driver.ensureDhcp(facts.host().endpoint(), spec(l3, server, facts.leases()));
        if (firstHere && segment.vni() != null) {
            refreshPeers(segment, hostId);
        }
        if (l3.routed()) {
            routers.ensureFor(l3Id, hostId);
        }
        return l3.bridge();
    }

    /**
     * Gives the other Connected hosts that carry a VXLAN segment its current flood list, so that they reach a host that
     * joined the segment's clusters after they were set up. Hosts that are not Connected get theirs when they
     * reconnect.
     */
    void refreshPeers(L2Lifecycle.Segment segment, String exceptHostId) throws DriverException {
        for (String carrier : segments.carriers(segment.l2Id())) {
            HostAccess.HostRef h = hosts.host(carrier);
            if (!carrier.equals(exceptHostId) && h.status() == io.nubis.compute.HostStatus.Connected) {
                drivers.get(h.driverType()).ensureBridge(h.endpoint(), segments.bridgeFor(segment, h));
            }
        }
    }

    /**
     * Pushes the L3 network's current lease set to the host's DHCP server (after a NIC was added or removed). Does
     * nothing when the L3 network's DHCP does not run on the host.
     */
    public void refreshDhcp(String hostId, String l3Id) throws DriverException {
        routers.refresh(l3Id);
        HostFacts facts = reads.hostFacts(hostId, l3Id);
        if (facts.dhcpServerIp() == null) {
            return;
        }
        drivers.get(facts.host().driverType()).ensureDhcp(facts.host().endpoint(),
                spec(facts.l3(), facts.dhcpServerIp(), facts.leases()));
    }

    /** The Linux bridge NICs on the L3 network plug into (its L2 network's bridge). */
    public String bridgeOf(String l3Id) {
        return reads.l3(l3Id).bridge();
    }

    /** The hosts where the L3 network's DHCP runs (each needs {@link #refreshDhcp} when the lease set changes). */
    public List<String> dhcpHosts(String l3Id) {
        return reads.dhcpHosts(l3Id);
    }

    /**
     * Stops the L3 network's DHCP on the host and releases its server address: for when the last VM of the L3 network
     * leaves the host. The bridge stays. Idempotent.
     */
    public void removeFromHost(String hostId, String l3Id) throws DriverException {
        HostAccess.HostRef host = hosts.host(hostId);
        drivers.get(host.driverType()).removeDhcp(host.endpoint(), l3Id);
        ipam.release(l3Id, hostId);
        routers.refresh(l3Id);
    }

    private static DhcpSpec spec(L3Facts l3, String serverIp, List<IpAllocationView> leases) {
        return new DhcpSpec(l3.id(), l3.bridge(), serverIp, l3.prefixLength(), l3.gateway(), l3.dnsServers(),
                leases.stream().map(a -> new DhcpSpec.Lease(a.mac(), a.ip(), a.hostname())).toList(), l3.mtu());
    }

    /**
     * Everything the provisioner needs to realise an L3 network on a host, read in one transaction: the host, the L3
     * and L2 networks (the L2 as a segment: bridge and attached clusters), whether the host's cluster is attached to
     * the L2 network, the host's DHCP server address (null when it has none yet) and the static leases it hands out.
     */
    record HostFacts(HostAccess.HostRef host, L3Facts l3, L2Lifecycle.Segment segment, boolean attached,
            String dhcpServerIp, List<IpAllocationView> leases) {
    }

    /** What the provisioner needs of an L3 network and its L2 network; {@code routed}: it needs a virtual router. */
    record L3Facts(String id, String l2Id, String l2Name, String bridge, String physicalInterface, int prefixLength,
            String gateway, List<String> dnsServers, Integer mtu, boolean routed) {
    }

    /** The MTU guests of a VXLAN segment must use: 1500 minus the 50 bytes of VXLAN over IPv4. */
    static final int VXLAN_MTU = 1450;

    /** Short read transactions for the provisioner. */
    @ApplicationScoped
    static class Reads {

        @Inject
        HostAccess hosts;
        @Inject
        IpamService ipam;
        @Inject
        RouterStore routerStore;
        @Inject
        io.nubis.platform.Sql sql;

        /**
         * The host, the L3 network with its L2 segment ({@link #network}), and the host's DHCP server address and
         * leases.
         */
        @Transactional
        HostFacts hostFacts(String hostId, String l3Id) {
            HostAccess.HostRef host = hosts.host(hostId);
            Network n = network(l3Id);
            IpamService.HostDhcp dhcp = ipam.hostDhcp(l3Id, hostId);
            return new HostFacts(host, n.l3(), n.segment(), n.segment().attachedClusterIds().contains(host.clusterId()),
                    dhcp.serverIp(), dhcp.leases());
        }

        @Transactional
        L3Facts l3(String l3Id) {
            return network(l3Id).l3();
        }

        /** An L3 network and its L2 segment. */
        private record Network(L3Facts l3, L2Lifecycle.Segment segment) {
        }

        /**
         * The L3 network, its L2 network and the L2 network's cluster attachments in one statement (once per VM create:
         * issue 7). A network with a router: its gateway answers DNS (the router's dnsmasq asks upstream).
         */
        private Network network(String l3Id) {
            List<Object[]> rows = l3Id == null
                    ? List.of()
                    : sql.flushedQuery("SELECT n.kind, n.gateway, n.prefix_length, n.dns_servers, l2.id, l2.name,"
                            + " l2.type, l2.bridge_name, l2.physical_interface, l2.vlan_id, l2.vni, a.cluster_id,"
                            + " a.state FROM l3_network n JOIN l2_network l2 ON l2.id = n.l2_id"
                            + " LEFT JOIN l2_cluster a ON a.l2_id = l2.id WHERE n.id = ? ORDER BY a.cluster_id", l3Id);
            if (rows.isEmpty()) {
                throw new NotFoundException(L3NetworkService.TYPE, l3Id);
            }
            Object[] r = rows.get(0);
            L2Type type = L2Type.valueOf((String) r[6]);
            boolean routed = L3Kind.Private.name().equals(r[0]) && routerStore.need(l3Id).isPresent();
            String gateway = (String) r[1];
            String dnsServers = (String) r[3];
            List<String> dns = routed
                    ? List.of(gateway)
                    : dnsServers == null ? List.of() : List.of(dnsServers.split(","));
            L3Facts l3 = new L3Facts(l3Id, (String) r[4], (String) r[5], (String) r[7], (String) r[8],
                    ((Number) r[2]).intValue(), gateway, dns, type == L2Type.Vxlan ? VXLAN_MTU : null, routed);
            List<Object[]> attached = rows.stream().filter(a -> a[11] != null).toList();
            return new Network(l3, new L2Lifecycle.Segment(l3.l2Id(), l3.l2Name(), type, l3.bridge(),
                    l3.physicalInterface(), r[9] == null ? null : ((Number) r[9]).intValue(),
                    r[10] == null ? null : ((Number) r[10]).intValue(),
                    attached.stream().map(a -> (String) a[11]).toList(),
                    attached.stream().filter(a -> AttachmentState.Attached.name().equals(a[12]))
                            .map(a -> (String) a[11]).toList()));
        }

        @Transactional
        List<String> dhcpHosts(String l3Id) {
            return IpAllocation.<IpAllocation>list("l3Id = ?1 and ownerType = ?2 order by hostId", l3Id, DHCP_OWNER)
                    .stream().map(a -> a.hostId).toList();
        }
    }
}
