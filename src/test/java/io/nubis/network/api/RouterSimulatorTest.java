package io.nubis.network.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.RouterSpec;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Virtual routers on simulated hosts (issue 10): created with the first VM of a private network whose pool names a
 * public network, on that VM's host, with an address of the public network; DHCP hands out the gateway as DNS server;
 * the router knows every VM's name; the reconciler re-creates a router its host lost and removes the router of a
 * deleted network; admins re-create one with a job; other tenants never see it.
 */
@QuarkusTest
class RouterSimulatorTest {

    @Inject
    SimulatorControl simulator;
    @Inject
    io.nubis.network.IpamService ipam;
    @Inject
    io.agroal.api.AgroalDataSource db;

    @Test
    void aPrivateNetworkGetsARouterWithItsFirstVmThatFollowsItsVmsAndGoesWithIt() throws Exception {
        VmFixtures.Cloud cloud = VmFixtures.simulated(simulator, 2, 8, 8192, 10);
        int start = 11_000_000 + (int) (Math.random() * 1_000_000) * 4;
        String pool = as(Tokens.ADMIN).body(Map.of("zoneId", cloud.zone(), "name", unique("pool"), "vniStart", start,
                "vniEnd", start + 3, "publicL3Id", cloud.l3())).post("/v1/vni-pools").then().statusCode(201)
                .body("publicL3Id", is(cloud.l3())).extract().path("id");
        as(Tokens.ADMIN).body(Map.of("clusterId", cloud.cluster())).post("/v1/vni-pools/" + pool + "/clusters")
                .then().statusCode(200);
        String net = as(Tokens.ALICE).body(Map.of("vniPoolId", pool, "name", unique("net"), "cidr", "10.70.0.0/24"))
                .post("/v1/l3-networks").then().statusCode(201).extract().path("id");
        as(Tokens.ALICE).get("/v1/l3-networks/" + net + "/router").then().statusCode(404);

        String vm1 = vm(cloud, net, "web-1");
        JsonPath router = as(Tokens.ALICE).get("/v1/l3-networks/" + net + "/router").then().statusCode(200)
                .body("state", is("Running")).body("hostId", is((Object) null)).extract().jsonPath();
        String publicIp = router.getString("publicIp");
        String cloudPrefix = as(Tokens.ADMIN).get("/v1/l3-networks/" + cloud.l3()).path("cidr");
        assertTrue(publicIp.startsWith(cloudPrefix.substring(0, cloudPrefix.lastIndexOf('.'))), publicIp);
        String hostId = as(Tokens.ADMIN).get("/v1/vm-instances/" + vm1).path("hostId");
        as(Tokens.ADMIN).get("/v1/routers").then().body("find { it.l3Id == '" + net + "' }.hostId", is(hostId));
        String address = cloud.hostAddresses().get(cloud.hosts().indexOf(hostId));

        RouterSpec spec = simulator.router(address, net).orElseThrow();
        assertEquals("10.70.0.1", spec.gatewayIp());
        assertEquals(publicIp, spec.publicIp());
        assertEquals(Set.of("web-1"), names(spec));
        assertEquals(List.of("10.70.0.1"), simulator.dhcp(address, net).orElseThrow().dnsServers(),
                "guests ask the router for names");

        String vm2 = vm(cloud, net, "web-2");
        assertEquals(Set.of("web-1", "web-2"), names(simulator.router(address, net).orElseThrow()));
        as(Tokens.BOB).get("/v1/l3-networks/" + net + "/router").then().statusCode(404);

        // an elastic IP for web-1 and a port forward to web-2, each applied by a router.apply job
        String ip1 = as(Tokens.ALICE).get("/v1/vm-instances/" + vm1).path("nics[0].ip");
        String ip2 = as(Tokens.ALICE).get("/v1/vm-instances/" + vm2).path("nics[0].ip");
        JsonPath eip = as(Tokens.ALICE).body(Map.of("l3NetworkId", net)).post("/v1/elastic-ips").then()
                .statusCode(201).extract().jsonPath();
        String eipId = eip.getString("id");
        quotasStopMoreAddressesAndNetworks(pool, net);
        as(Tokens.BOB).body(Map.of("privateIp", ip1)).post("/v1/elastic-ips/" + eipId + "/attach").then()
                .statusCode(404);
        as(Tokens.ALICE).body(Map.of("privateIp", "10.70.0.250")).post("/v1/elastic-ips/" + eipId + "/attach")
                .then().statusCode(400).body("errors.code", hasItem("error_not_a_nic_address"));
        String job1 = as(Tokens.ALICE).body(Map.of("privateIp", ip1)).post("/v1/elastic-ips/" + eipId + "/attach")
                .then().statusCode(200).body("resource.privateIp", is(ip1)).extract().path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(job1).getString("state"));
        assertEquals(List.of(new RouterSpec.ElasticIp(eip.getString("ip"), ip1)),
                simulator.router(address, net).orElseThrow().elasticIps());
        String job2 = as(Tokens.ALICE)
                .body(Map.of("protocol", "tcp", "publicStart", 8080, "privateIp", ip2, "privateStart", 80))
                .post("/v1/l3-networks/" + net + "/port-forwards").then().statusCode(201)
                .body("resource.publicIp", is(publicIp)).extract().path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(job2).getString("state"));
        assertEquals(List.of(new RouterSpec.PortForward("tcp", 8080, 8080, ip2, 80)),
                simulator.router(address, net).orElseThrow().portForwards());
        as(Tokens.ALICE).body(Map.of("protocol", "tcp", "publicStart", 8000, "publicEnd", 8090, "privateIp", ip1))
                .post("/v1/l3-networks/" + net + "/port-forwards").then().statusCode(409)
                .body("code", is("error_port_forward_conflict"));
        as(Tokens.ALICE).body(Map.of("protocol", "sctp", "publicStart", 70000, "privateIp", ip1))
                .post("/v1/l3-networks/" + net + "/port-forwards").then().statusCode(400)
                .body("errors.field", hasItem("protocol")).body("errors.field", hasItem("publicStart"));
        as(Tokens.ALICE).queryParam("cascade", true).delete("/v1/l3-networks/" + net).then().statusCode(409)
                .body("code", is("error_l3_in_use")).body("detail", containsString("web-1 (" + ip1 + ")"))
                .body("detail", containsString("web-2 (" + ip2 + ")"));

        // the host loses it: the reconciler puts it back
        simulator.dropRouter(address, net);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> simulator.router(address, net).isPresent());

        // an admin re-creates it
        String routerId = router.getString("id");
        String job = as(Tokens.ADMIN).post("/v1/routers/" + routerId + "/recreate").then().statusCode(202).extract()
                .path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(job).getString("state"));
        as(Tokens.ALICE).post("/v1/routers/" + routerId + "/recreate").then().statusCode(403);

        // detach, release and remove: the router forgets them
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/elastic-ips/" + eipId + "/detach")
                .then().statusCode(200).extract().path("jobId")).getString("state"));
        assertEquals(List.of(), simulator.router(address, net).orElseThrow().elasticIps());
        String rule = as(Tokens.ALICE).get("/v1/l3-networks/" + net + "/port-forwards").path("[0].id");
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE)
                .delete("/v1/l3-networks/" + net + "/port-forwards/" + rule).then().statusCode(200).extract()
                .path("jobId")).getString("state"));
        assertEquals(List.of(), simulator.router(address, net).orElseThrow().portForwards());

        for (String vm : List.of(vm1, vm2)) {
            assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then()
                    .statusCode(202).extract().path("jobId")).getString("state"));
        }
        assertEquals(Set.of(), names(simulator.router(address, net).orElseThrow()), "destroyed VMs lose their names");

        // its host goes into maintenance: the router moves to the other host first
        String other = cloud.hosts().get(1 - cloud.hosts().indexOf(hostId));
        String otherAddress = cloud.hostAddresses().get(cloud.hosts().indexOf(other));
        String maintenance = as(Tokens.ADMIN).post("/v1/hosts/" + hostId + "/maintenance").then().statusCode(202)
                .extract().path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(maintenance).getString("state"));
        assertTrue(simulator.router(address, net).isEmpty(), "gone from the host in maintenance");
        assertEquals(publicIp, simulator.router(otherAddress, net).orElseThrow().publicIp(), "same address there");
        as(Tokens.ADMIN).get("/v1/routers").then().body("find { it.l3Id == '" + net + "' }.hostId", is(other));
        as(Tokens.ADMIN).post("/v1/hosts/" + hostId + "/enable").then().statusCode(200);
        as(Tokens.ADMIN).delete("/v1/l3-networks/" + cloud.l3()).then().statusCode(409);
        // a network holds at most 128 port forwards (written straight into the table here)
        String owner = as(Tokens.ALICE).get("/v1/l3-networks/" + net).path("accountId");
        try (var c = db.getConnection();
                var st = c.prepareStatement("INSERT INTO port_forward (id, account_id,"
                        + " l3_id, protocol, public_start, public_end, private_ip, private_start, created_at)"
                        + " VALUES (UUID(), ?, ?, 'tcp', ?, ?, ?, 80, NOW())")) {
            for (int i = 0; i < 128; i++) {
                st.setString(1, owner);
                st.setString(2, net);
                st.setInt(3, 10_000 + i);
                st.setInt(4, 10_000 + i);
                st.setString(5, ip2);
                st.addBatch();
            }
            st.executeBatch();
            c.commit(); // Agroal hands connections out without auto-commit
        }
        as(Tokens.ALICE).body(Map.of("protocol", "udp", "publicStart", 53, "privateIp", ip1))
                .post("/v1/l3-networks/" + net + "/port-forwards").then().statusCode(409)
                .body("code", is("error_port_forwards_limit"));

        // the elastic IP and the rules are still there: named, then released with the network (cascade)
        as(Tokens.ALICE).delete("/v1/l3-networks/" + net).then().statusCode(409)
                .body("code", is("error_l3_has_services")).body("detail", containsString(eip.getString("ip")));
        as(Tokens.BOB).queryParam("cascade", true).delete("/v1/l3-networks/" + net).then().statusCode(404);
        as(Tokens.ALICE).queryParam("cascade", true).delete("/v1/l3-networks/" + net).then().statusCode(204);
        as(Tokens.ALICE).get("/v1/elastic-ips/" + eipId).then().statusCode(404);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> simulator.router(otherAddress, net).isEmpty());
        String bridge = spec.privateBridge();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> cloud.hostAddresses().stream()
                .noneMatch(h -> simulator.bridges(h).containsKey(bridge)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !as(Tokens.ADMIN)
                .queryParam("size", "500").get("/v1/l3-networks/" + cloud.l3() + "/ip-allocations").then().extract()
                .jsonPath().getList("items.ip", String.class).stream()
                .anyMatch(ip -> ip.equals(publicIp) || ip.equals(eip.getString("ip"))));
        as(Tokens.ADMIN).get("/v1/routers").then().body("l3Id", org.hamcrest.Matchers.not(hasItem(net)));
    }

    @Test
    void loadBalancersAreRunByTheRouterWithTheirBackends() {
        VmFixtures.Cloud cloud = VmFixtures.simulated(simulator, 1, 8, 8192, 10);
        int start = 12_000_000 + (int) (Math.random() * 1_000_000) * 4;
        String pool = as(Tokens.ADMIN).body(Map.of("zoneId", cloud.zone(), "name", unique("pool"), "vniStart", start,
                "vniEnd", start + 3, "publicL3Id", cloud.l3())).post("/v1/vni-pools").then().statusCode(201).extract()
                .path("id");
        as(Tokens.ADMIN).body(Map.of("clusterId", cloud.cluster())).post("/v1/vni-pools/" + pool + "/clusters")
                .then().statusCode(200);
        String net = as(Tokens.ALICE).body(Map.of("vniPoolId", pool, "name", unique("net"), "cidr", "10.73.0.0/24"))
                .post("/v1/l3-networks").then().statusCode(201).extract().path("id");
        String vm = vm(cloud, net, "lb-web-1");
        String ip = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("nics[0].ip");
        String address = cloud.hostAddresses().get(0);
        String lbs = "/v1/l3-networks/" + net + "/load-balancers";

        as(Tokens.ALICE).body(Map.of("name", "web", "protocol", "udp", "port", 70000, "algorithm", "random",
                "checkSeconds", 0)).post(lbs).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("protocol", "port", "algorithm", "checkSeconds"));
        as(Tokens.BOB).body(Map.of("name", "web", "port", 8090)).post(lbs).then().statusCode(404);
        JsonPath created = as(Tokens.ALICE).body(Map.of("name", "web", "protocol", "http", "port", 8090,
                "checkSeconds", 2)).post(lbs).then().statusCode(201).extract().jsonPath();
        String lb = created.getString("resource.id");
        assertEquals("Succeeded", Jobs.awaitFinal(created.getString("jobId")).getString("state"));
        String job = as(Tokens.ALICE).body(Map.of("ip", ip, "port", 80, "weight", 3))
                .post(lbs + "/" + lb + "/backends").then().statusCode(201).extract().path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(job).getString("state"));
        assertEquals(List.of(new RouterSpec.Listener("http", 8090, "roundrobin", 2,
                List.of(new RouterSpec.Backend(ip, 80, 3)))), simulator.router(address, net).orElseThrow().listeners());
        // one on an address of the network, for its own machines: an IPAM address of the network
        JsonPath inside = as(Tokens.ALICE).body(Map.of("name", "inside", "port", 5432, "address", "private"))
                .post(lbs).then().statusCode(201).extract().jsonPath();
        String vip = inside.getString("resource.vip");
        assertTrue(vip.startsWith("10.73.0."), vip);
        assertEquals("Succeeded", Jobs.awaitFinal(inside.getString("jobId")).getString("state"));
        assertTrue(simulator.router(address, net).orElseThrow().listeners().stream()
                .anyMatch(l -> l.port() == 5432 && vip.equals(l.address())));
        as(Tokens.ALICE).body(Map.of("name", "bad", "port", 5433, "address", "elsewhere")).post(lbs).then()
                .statusCode(400).body("errors.field", hasItem("address"));
        as(Tokens.ALICE).body(Map.of("ip", "10.73.0.250", "port", 80)).post(lbs + "/" + lb + "/backends").then()
                .statusCode(400).body("errors.code", hasItem("error_not_a_nic_address"));
        as(Tokens.ALICE).body(Map.of("ip", ip, "port", 80)).post(lbs + "/" + lb + "/backends").then().statusCode(409);
        as(Tokens.ALICE).body(Map.of("name", "again", "port", 8090)).post(lbs).then().statusCode(409)
                .body("code", is("error_lb_port_taken"));
        as(Tokens.ALICE).body(Map.of("protocol", "tcp", "publicStart", 8080, "publicEnd", 8100, "privateIp", ip))
                .post("/v1/l3-networks/" + net + "/port-forwards").then().statusCode(409)
                .body("code", is("error_lb_port_taken"));
        loadBalancersCountAgainstTheQuota(lbs);

        // the network goes only with cascade, its load balancer with it
        for (String v : List.of(vm)) {
            assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + v).then()
                    .statusCode(202).extract().path("jobId")).getString("state"));
        }
        as(Tokens.ALICE).delete("/v1/l3-networks/" + net).then().statusCode(409)
                .body("detail", containsString("load balancer web (http 8090)"));
        as(Tokens.ALICE).queryParam("cascade", true).delete("/v1/l3-networks/" + net).then().statusCode(204);
        as(Tokens.ALICE).get(lbs).then().statusCode(404);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> simulator.router(address, net).isEmpty());
        as(Tokens.ADMIN).delete("/v1/vni-pools/" + pool).then().statusCode(204);
    }

    @Test
    void addressesNoElasticIpOrRouterHoldsAreReleasedOnceOld() throws Exception {
        VmFixtures.Cloud cloud = VmFixtures.simulated(simulator, 1, 8, 8192, 10);
        String eip = io.nubis.platform.Ids.newId();
        String router = io.nubis.platform.Ids.newId();
        String fresh = io.nubis.platform.Ids.newId();
        String lb = io.nubis.platform.Ids.newId();
        ipam.allocate(cloud.l3(), io.nubis.network.LoadBalancerService.OWNER, lb, null, null, null);
        ipam.allocate(cloud.l3(), io.nubis.network.ElasticIpService.OWNER, eip, null, null, null);
        ipam.allocate(cloud.l3(), io.nubis.network.RouterService.OWNER, router, null, null, null);
        ipam.allocate(cloud.l3(), io.nubis.network.ElasticIpService.OWNER, fresh, null, null, null);
        try (var c = db.getConnection();
                var st = c.prepareStatement(
                        "UPDATE ip_allocation SET created_at = created_at - INTERVAL 1 HOUR WHERE owner_id IN (?, ?, ?)")) {
            st.setString(1, eip);
            st.setString(2, router);
            st.setString(3, lb);
            assertEquals(3, st.executeUpdate());
            c.commit(); // Agroal hands connections out without auto-commit
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> ipam.find(cloud.l3(), eip).isEmpty() && ipam.find(cloud.l3(), router).isEmpty()
                        && ipam.find(cloud.l3(), lb).isEmpty());
        assertTrue(ipam.find(cloud.l3(), fresh).isPresent(), "an address allocated a moment ago stays");
        ipam.release(cloud.l3(), fresh);
    }

    /** Load balancers count against the account's quota: at the limit the next one is refused, nothing taken. */
    private static void loadBalancersCountAgainstTheQuota(String lbs) {
        String account = as(Tokens.ALICE).get(lbs.replace("/load-balancers", "")).path("accountId");
        String quotas = "/v1/accounts/" + account + "/quotas";
        try {
            long used = as(Tokens.ALICE).get(quotas).then().statusCode(200).extract().jsonPath()
                    .getLong("find { it.kind == 'LOAD_BALANCERS' }.usage");
            assertTrue(used >= 2, "both load balancers counted: " + used);
            as(Tokens.ADMIN).body(Map.of("load_balancers", used)).put(quotas).then().statusCode(200);
            as(Tokens.ALICE).body(Map.of("name", "over", "port", 8200)).post(lbs).then().statusCode(409)
                    .body("code", is("error_quota_exceeded")).body("detail", containsString("load_balancers"));
            as(Tokens.ALICE).get(lbs).then().body("name", org.hamcrest.Matchers.not(hasItem("over")));
        } finally {
            io.nubis.testing.Quotas.clear(account);
        }
    }

    /** Elastic IPs and private networks count against the account's quotas (each limit set at today's usage). */
    private static void quotasStopMoreAddressesAndNetworks(String pool, String net) {
        String account = as(Tokens.ALICE).get("/v1/l3-networks/" + net).path("accountId");
        try {
            JsonPath q = as(Tokens.ALICE).get("/v1/accounts/" + account + "/quotas").then().statusCode(200).extract()
                    .jsonPath();
            long eips = q.getLong("find { it.kind == 'ELASTIC_IPS' }.usage");
            long nets = q.getLong("find { it.kind == 'PRIVATE_NETWORKS' }.usage");
            assertTrue(eips >= 1 && nets >= 1, "usage counted: " + eips + " elastic IPs, " + nets + " networks");
            as(Tokens.ADMIN).body(Map.of("elastic_ips", eips, "private_networks", nets))
                    .put("/v1/accounts/" + account + "/quotas").then().statusCode(200);
            as(Tokens.ALICE).body(Map.of("l3NetworkId", net)).post("/v1/elastic-ips").then().statusCode(409)
                    .body("code", is("error_quota_exceeded"));
            as(Tokens.ALICE).body(Map.of("vniPoolId", pool, "name", unique("net"), "cidr", "10.71.0.0/24"))
                    .post("/v1/l3-networks").then().statusCode(409).body("code", is("error_quota_exceeded"));
            assertEquals(eips, as(Tokens.ALICE).get("/v1/accounts/" + account + "/quotas").then().extract()
                    .jsonPath().getLong("find { it.kind == 'ELASTIC_IPS' }.usage"), "nothing taken by the refusal");
        } finally {
            io.nubis.testing.Quotas.clear(account);
        }
    }

    static Set<String> names(RouterSpec spec) {
        return spec.names().stream().map(RouterSpec.Name::hostname).collect(Collectors.toSet());
    }

    static String vm(VmFixtures.Cloud cloud, String net, String name) {
        Map<String, Object> body = VmFixtures.vmBody(cloud, name);
        body.put("l3NetworkIds", List.of(net));
        JsonPath job = VmFixtures.create(Tokens.ALICE, body);
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        return job.getString("resourceId");
    }
}
