package io.nubis.network;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.DhcpSpec;
import io.nubis.driver.DriverException;
import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.platform.Ids;
import io.nubis.testing.Api;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The realisation of an L3 network on hosts, against simulated hosts: bridge, DHCP address, lease sets. */
@QuarkusTest
class NetworkProvisionerTest {

    @Inject
    NetworkProvisioner provisioner;
    @Inject
    IpamService ipam;
    @Inject
    SimulatorControl simulator;

    String zone;
    String cluster;
    String address1;
    String address2;
    String host1;
    String host2;
    String l2;
    String bridge;
    String l3;

    @BeforeEach
    void setUp() {
        zone = Api.zone(unique("z"));
        cluster = Api.cluster(zone, unique("c"));
        address1 = "sim-prov-" + unique("a");
        address2 = "sim-prov-" + unique("b");
        host1 = NetworkFixtures.simulatedHost(cluster, address1);
        host2 = NetworkFixtures.simulatedHost(cluster, address2);
        l2 = NetworkFixtures.l2(zone, unique("l2"));
        bridge = as(Tokens.ADMIN).get("/v1/l2-networks/" + l2).then().extract().path("bridgeName");
        assertEquals("Succeeded", NetworkFixtures.attach(l2, cluster).getString("state"));
        l3 = as(Tokens.ADMIN).body(Map.of("l2Id", l2, "name", unique("l3"), "cidr", "10.90.0.0/24", "gateway",
                "10.90.0.1", "dnsServers", "10.90.0.2,9.9.9.9")).post("/v1/l3-networks").then().statusCode(201)
                .extract().path("id");
        NetworkFixtures.range(l3, "10.90.0.10", "10.90.0.30");
    }

    IpAllocationView nic(String mac, String hostname) {
        return ipam.allocate(l3, "vm-nic", Ids.newId(), mac, hostname, host1);
    }

    static Set<String> leases(DhcpSpec spec) {
        return spec.leases().stream().map(l -> l.mac() + "," + l.ip() + "," + l.hostname()).collect(Collectors.toSet());
    }

    @Test
    void ensureOnHostCreatesTheBridgeAndDhcpWithEveryLeaseOfTheL3Network() throws Exception {
        IpAllocationView a = nic("52:54:00:90:00:01", "vm-a");
        IpAllocationView b = nic("52:54:00:90:00:02", "vm-b");
        provisioner.ensureOnHost(host1, l3);

        assertTrue(simulator.bridges(address1).containsKey(bridge));
        DhcpSpec spec = simulator.dhcp(address1, l3).orElseThrow();
        IpAllocationView server = ipam.find(l3, host1).orElseThrow();
        assertEquals(NetworkProvisioner.DHCP_OWNER, server.ownerType());
        assertEquals(host1, server.hostId());
        assertEquals(server.ip(), spec.serverIp());
        assertEquals(24, spec.prefixLength());
        assertEquals("10.90.0.1", spec.gateway());
        assertEquals(List.of("10.90.0.2", "9.9.9.9"), spec.dnsServers());
        assertEquals(bridge, spec.bridge());
        assertEquals(Set.of("52:54:00:90:00:01," + a.ip() + ",vm-a", "52:54:00:90:00:02," + b.ip() + ",vm-b"),
                leases(spec), "every NIC of the L3 network on this host, not the DHCP server itself");

        provisioner.ensureOnHost(host1, l3);
        assertEquals(server.ip(), ipam.find(l3, host1).orElseThrow().ip(), "the DHCP address is reserved once");
        as(Tokens.ADMIN).get("/v1/l3-networks/" + l3).then().body("ipUsed", is(3));
        assertEquals(List.of(host1), provisioner.dhcpHosts(l3));
    }

    @Test
    void refreshPushesTheNewLeaseSetOnlyWhereDhcpRuns() throws Exception {
        nic("52:54:00:90:00:11", "one");
        provisioner.ensureOnHost(host1, l3);
        IpAllocationView added = nic("52:54:00:90:00:12", "two");
        provisioner.refreshDhcp(host1, l3);
        provisioner.refreshDhcp(host2, l3);
        assertTrue(leases(simulator.dhcp(address1, l3).orElseThrow()).contains("52:54:00:90:00:12," + added.ip()
                + ",two"));
        assertTrue(simulator.dhcp(address2, l3).isEmpty(), "no DHCP where no VM of the L3 network runs");

        ipam.release(l3, added.ownerId());
        provisioner.refreshDhcp(host1, l3);
        assertEquals(1, simulator.dhcp(address1, l3).orElseThrow().leases().size());
    }

    @Test
    void removeFromHostStopsDhcpAndReleasesItsAddressAndDetachWaitsForIt() throws Exception {
        provisioner.ensureOnHost(host1, l3);
        as(Tokens.ADMIN).body(Map.of("clusterId", cluster)).post("/v1/l2-networks/" + l2 + "/detach").then()
                .statusCode(409).body("code", is("error_l2_in_use_in_cluster"));
        provisioner.removeFromHost(host1, l3);
        provisioner.removeFromHost(host1, l3);
        assertTrue(simulator.dhcp(address1, l3).isEmpty());
        assertTrue(ipam.find(l3, host1).isEmpty());
        assertTrue(simulator.bridges(address1).containsKey(bridge), "the bridge stays");
        as(Tokens.ADMIN).body(Map.of("clusterId", cluster)).post("/v1/l2-networks/" + l2 + "/detach").then()
                .statusCode(200);
    }

    @Test
    void aHostOfAClusterWithoutTheL2NetworkIsRefused() {
        String other = Api.cluster(zone, unique("c2"));
        String stranger = NetworkFixtures.simulatedHost(other, "sim-prov-" + unique("s"));
        L2NotAttachedException e = assertThrows(L2NotAttachedException.class,
                () -> provisioner.ensureOnHost(stranger, l3));
        assertTrue(e.getMessage().contains("is not attached to cluster"), e.getMessage());
        assertTrue(ipam.find(l3, stranger).isEmpty());
    }

    @Test
    void aFailedDhcpSetupKeepsTheAddressForTheRetry() throws Exception {
        simulator.failNext(address1, SimulatorAction.ENSURE_DHCP, "dnsmasq failed on " + address1);
        DriverException e = assertThrows(DriverException.class, () -> provisioner.ensureOnHost(host1, l3));
        assertEquals("dnsmasq failed on " + address1, e.getMessage());
        String reserved = ipam.find(l3, host1).orElseThrow().ip();
        provisioner.ensureOnHost(host1, l3);
        assertEquals(reserved, simulator.dhcp(address1, l3).orElseThrow().serverIp());
    }

    @Test
    void removingAHostFromNubisReleasesItsDhcpAddress() throws Exception {
        provisioner.ensureOnHost(host2, l3);
        assertTrue(ipam.find(l3, host2).isPresent());
        String job = as(Tokens.ADMIN).delete("/v1/hosts/" + host2).then().statusCode(202).extract().path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(job).getString("state"));
        assertTrue(ipam.find(l3, host2).isEmpty());
    }
}
