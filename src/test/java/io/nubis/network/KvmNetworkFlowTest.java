package io.nubis.network;

import io.nubis.testing.HostInvariants;
import io.agroal.api.AgroalDataSource;
import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.platform.Ids;
import io.nubis.testing.Api;
import io.nubis.testing.DhcpClient;
import io.nubis.testing.Jobs;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole flat-network flow on a real KVM test host, through the API and the provisioner: attach (bridge), an L3
 * network with addresses from IPAM, DHCP on the host answering a real client with the address Nubis chose. Names and
 * descriptions full of shell syntax never reach a host command.
 */
@QuarkusTest
class KvmNetworkFlowTest {

    static final String MARKER = "/tmp/nubis-pwned";
    static final String HOSTILE = "x$(touch " + MARKER + ");a";

    @Inject
    IpamService ipam;
    @Inject
    NetworkProvisioner provisioner;

    TestHost testHost;
    String hostId;
    String bridge;

    @Inject
    AgroalDataSource db;
    /** What was on the test host before this test (earlier runs' bridges): not this test's doing. */
    java.util.Set<String> before;

    @BeforeEach
    void addHost() {
        testHost = TestHosts.host(1);
        before = HostInvariants.before(testHost);
        TestHosts.enter(testHost, "rm", "-f", MARKER);
        String zone = Api.zone(unique("kz"));
        String cluster = as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("kvm"), "hypervisorType", "KVM"))
                .post("/v1/clusters").then().statusCode(201).extract().path("id");
        Map<String, Object> body = new HashMap<>(Map.of("clusterId", cluster, "address", testHost.ip(), "sshPort",
                testHost.sshPort(), "username", testHost.user(), "privateKey", testHost.privateKey()));
        JsonPath job = Jobs.awaitFinal(as(Tokens.ADMIN).body(body).post("/v1/hosts").then().statusCode(202).extract()
                .path("jobId"));
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        hostId = job.getString("resourceId");
        this.zone = zone;
        this.cluster = cluster;
    }

    String zone;
    String cluster;

    @AfterEach
    void removeHost() {
        if (bridge != null) {
            TestHosts.enter(testHost, "sh", "-c",
                    "PATH=\"$PATH:/usr/sbin:/sbin\"; ip link del \"$1\" 2>/dev/null; true",
                    "cleanup", bridge);
        }
        String job = as(Tokens.ADMIN).delete("/v1/hosts/" + hostId).then().extract().path("jobId");
        if (job != null) {
            Jobs.awaitFinal(job);
        }
        // issue 7: no domain, bridge or DHCP entry of this test left on the host
        HostInvariants.check(db::getConnection, testHost, null, before);
    }

    @Test
    void aVmNicGetsTheAddressNubisChoseOverRealDhcpAndShellSyntaxNeverRuns() throws Exception {
        as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", HOSTILE)).post("/v1/l2-networks").then().statusCode(400)
                .body("errors[0].field", is("name"));
        String l2 = as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("l2"), "description", HOSTILE))
                .post("/v1/l2-networks").then().statusCode(201).extract().path("id");
        bridge = as(Tokens.ADMIN).get("/v1/l2-networks/" + l2).then().extract().path("bridgeName");
        JsonPath attach = NetworkFixtures.attach(l2, cluster);
        assertEquals("Succeeded", attach.getString("state"), attach.prettify());
        assertEquals("yes", TestHosts.enter(testHost, "sh", "-c", "[ -d \"/sys/class/net/$1/bridge\" ] && echo yes",
                "check", bridge).strip(), "bridge " + bridge + " on the host");

        as(Tokens.ADMIN).body(Map.of("l2Id", l2, "name", HOSTILE, "cidr", "10.94.0.0/24")).post("/v1/l3-networks")
                .then().statusCode(400).body("errors[0].field", is("name"));
        String l3 = as(Tokens.ADMIN).body(Map.of("l2Id", l2, "name", unique("l3"), "description", HOSTILE, "cidr",
                "10.94.0.0/24", "gateway", "10.94.0.1", "shared", true)).post("/v1/l3-networks").then()
                .statusCode(201).extract().path("id");
        NetworkFixtures.range(l3, "10.94.0.10", "10.94.0.20");

        String nic1 = Ids.newId();
        String ip1 = ipam.allocate(l3, "vm-nic", nic1, "52:54:00:94:00:01", "guest-one", hostId).ip();
        provisioner.ensureOnHost(hostId, l3);
        try (DhcpClient vm1 = DhcpClient.plug(testHost, bridge, "52:54:00:94:00:01");
                DhcpClient vm2 = DhcpClient.plug(testHost, bridge, "52:54:00:94:00:02")) {
            assertEquals(Optional.of(ip1), vm1.request());
            assertEquals(Optional.empty(), vm2.request(), "no lease before its NIC exists");

            String nic2 = Ids.newId();
            String ip2 = ipam.allocate(l3, "vm-nic", nic2, "52:54:00:94:00:02", "guest-two", hostId).ip();
            provisioner.refreshDhcp(hostId, l3);
            assertEquals(Optional.of(ip2), vm2.request());
            ipam.release(l3, nic2);
        }
        as(Tokens.ADMIN).get("/v1/l3-networks/" + l3 + "/ip-allocations").then().body("total", is(2));

        provisioner.removeFromHost(hostId, l3);
        assertTrue(ipam.find(l3, hostId).isEmpty(), "DHCP address released");
        assertEquals("gone", TestHosts.enter(testHost, "sh", "-c",
                "PATH=\"$PATH:/usr/sbin:/sbin\"; ip netns list | grep -q \"$1\" && echo left || echo gone", "check",
                l3.replace("-", "").substring(0, 12)).strip());
        ipam.release(l3, nic1);
        as(Tokens.ADMIN).delete("/v1/l3-networks/" + l3).then().statusCode(204);
        as(Tokens.ADMIN).delete("/v1/l2-networks/" + l2).then().statusCode(204);

        assertEquals("absent", TestHosts.enter(testHost, "sh", "-c",
                "test -e \"$1\" && echo present || echo absent", "check", MARKER).strip());
    }
}
