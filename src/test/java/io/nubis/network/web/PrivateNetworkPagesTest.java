package io.nubis.network.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.testing.Api;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VNI pool pages (admin) and the tenant's network pages (issue 10), through the portal's forms. */
@QuarkusTest
class PrivateNetworkPagesTest {

    @Test
    void anAdminMakesAPoolAndATenantMakesAndDeletesAPrivateNetworkOnIt() {
        PortalSession admin = PortalSession.login(Tokens.ADMIN);
        String zone = Api.zone(unique("z"));
        String cluster = Api.cluster(zone, unique("c"));
        String poolName = unique("pool");
        int start = 9_000_000 + (int) (Math.random() * 1_000_000);

        Response bad = admin.submit("/admin/vni-pools", "/admin/vni-pools",
                Map.of("zoneId", zone, "name", poolName, "vniStart", "ten", "vniEnd", "20"));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("must be a whole number"));
        assertThat(bad.asString(), containsString("value=\"ten\""));
        Response made = admin.submit("/admin/vni-pools", "/admin/vni-pools", Map.of("zoneId", zone, "name",
                poolName, "vniStart", Integer.toString(start), "vniEnd", Integer.toString(start + 9)));
        assertEquals(303, made.statusCode(), made.asString());
        String pool = made.header("Location").substring(made.header("Location").lastIndexOf('/') + 1);
        Response added = admin.submit("/admin/vni-pools/" + pool, "/admin/vni-pools/" + pool + "/clusters",
                Map.of("clusterId", cluster));
        assertEquals(303, added.statusCode());
        String detail = admin.follow(added).asString();
        assertThat(detail, containsString(start + " – " + (start + 9)));
        assertThat(admin.get("/admin/vni-pools").asString(), containsString(poolName));

        PortalSession alice = PortalSession.login(Tokens.ALICE);
        assertThat(alice.get("/portal/networks").asString(), containsString(poolName));
        String name = unique("net");
        Response wrong = alice.submit("/portal/networks", "/portal/networks",
                Map.of("vniPoolId", pool, "name", name, "cidr", "10.60.0.5/24"));
        assertEquals(400, wrong.statusCode());
        assertThat(wrong.asString(), containsString("value=\"10.60.0.5/24\""));
        assertThat(wrong.asString(), containsString("is-invalid"));
        Response ok = alice.submit("/portal/networks", "/portal/networks",
                Map.of("vniPoolId", pool, "name", name, "cidr", "10.60.0.0/24", "gateway", "10.60.0.254"));
        assertEquals(303, ok.statusCode(), ok.asString());
        String net = ok.header("Location").substring(ok.header("Location").lastIndexOf('/') + 1);
        String page = alice.follow(ok).asString();
        assertThat(page, containsString("id=\"network-vni\">" + start + "<"));
        assertThat(page, containsString("id=\"network-gateway\">10.60.0.254<"));
        assertThat(alice.get("/portal/networks").asString(), containsString(name));

        PortalSession bob = PortalSession.login(Tokens.BOB);
        assertEquals(404, bob.get("/portal/networks/" + net).statusCode());
        assertThat(bob.get("/portal/networks").asString(), not(containsString(name)));
        PortalSession zh = PortalSession.login(Tokens.ALICE).acceptLanguage("zh-CN");
        assertThat(zh.get("/portal/networks/" + net).asString(), containsString("私有"));

        Response deleted = alice.submit("/portal/networks/" + net, "/portal/networks/" + net + "/delete", Map.of());
        assertEquals(303, deleted.statusCode());
        as(Tokens.ALICE).get("/v1/l3-networks/" + net).then().statusCode(404);
        Response gone = admin.submit("/admin/vni-pools/" + pool, "/admin/vni-pools/" + pool + "/delete", Map.of());
        assertEquals(303, gone.statusCode());
        as(Tokens.ADMIN).get("/v1/vni-pools/" + pool).then().statusCode(404);
    }

    @jakarta.inject.Inject
    io.nubis.driver.simulator.SimulatorControl simulator;

    @Test
    void theNetworkPageShowsItsRouterAndManagesElasticIpsAndForwards() {
        io.nubis.vm.VmFixtures.Cloud cloud = io.nubis.vm.VmFixtures.simulated(simulator, 1, 8, 8192, 10);
        int start = 15_000_000 + (int) (Math.random() * 800_000) * 2;
        String pool = as(Tokens.ADMIN).body(Map.of("zoneId", cloud.zone(), "name", unique("pool"), "vniStart", start,
                "vniEnd", start + 1, "publicL3Id", cloud.l3())).post("/v1/vni-pools").then().statusCode(201).extract()
                .path("id");
        as(Tokens.ADMIN).body(Map.of("clusterId", cloud.cluster())).post("/v1/vni-pools/" + pool + "/clusters")
                .then().statusCode(200);
        String net = as(Tokens.ALICE).body(Map.of("vniPoolId", pool, "name", unique("net"), "cidr", "10.71.0.0/24"))
                .post("/v1/l3-networks").then().statusCode(201).extract().path("id");
        Map<String, Object> body = io.nubis.vm.VmFixtures.vmBody(cloud, unique("pvm"));
        body.put("l3NetworkIds", java.util.List.of(net));
        String vm = io.nubis.vm.VmFixtures.create(Tokens.ALICE, body).getString("resourceId");
        String ip = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("nics[0].ip");

        PortalSession alice = PortalSession.login(Tokens.ALICE);
        String page = alice.get("/portal/networks/" + net).asString();
        assertThat(page, containsString("id=\"router-state\">Running<"));
        assertEquals(303, alice.submit("/portal/networks/" + net, "/portal/networks/" + net + "/elastic-ips", Map.of())
                .statusCode());
        String eip = as(Tokens.ALICE).get("/v1/elastic-ips").path("find { it.l3NetworkId == '" + net + "' }.id");
        assertEquals(303, alice.submit("/portal/networks/" + net,
                "/portal/networks/" + net + "/elastic-ips/" + eip + "/attach", Map.of("privateIp", ip)).statusCode());
        as(Tokens.ALICE).get("/v1/elastic-ips/" + eip).then().body("privateIp", org.hamcrest.Matchers.is(ip));

        Response bad = alice.submit("/portal/networks/" + net, "/portal/networks/" + net + "/port-forwards",
                Map.of("protocol", "tcp", "publicStart", "99999", "privateIp", ip));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("must be a port from 1 to 65535"));
        assertEquals(303, alice.submit("/portal/networks/" + net, "/portal/networks/" + net + "/port-forwards",
                Map.of("protocol", "tcp", "publicStart", "2222", "privateIp", ip, "privateStart", "22")).statusCode());
        assertThat(alice.get("/portal/networks/" + net).asString(), containsString(ip + ":22"));

        PortalSession admin = PortalSession.login(Tokens.ADMIN);
        assertThat(admin.get("/admin/routers").asString(), containsString("data-router="));
        assertEquals(403, alice.get("/admin/routers").statusCode());

        // a load balancer through the page: a bad port comes back on its field; backends added and removed
        Response badLb = alice.submit("/portal/networks/" + net, "/portal/networks/" + net + "/load-balancers",
                Map.of("name", "web", "protocol", "tcp", "port", "99999"));
        assertEquals(400, badLb.statusCode());
        assertThat(badLb.asString(), containsString("must be a port from 1 to 65535"));
        assertEquals(303, alice.submit("/portal/networks/" + net, "/portal/networks/" + net + "/load-balancers",
                Map.of("name", "web", "protocol", "http", "port", "8090", "algorithm", "leastconn")).statusCode());
        String lb = as(Tokens.ALICE).get("/v1/l3-networks/" + net + "/load-balancers").path("[0].id");
        assertEquals(303, alice.submit("/portal/networks/" + net, "/portal/networks/" + net + "/load-balancers/" + lb
                + "/backends", Map.of("ip", ip, "port", "80", "weight", "2")).statusCode());
        assertThat(alice.get("/portal/networks/" + net).asString(), containsString("data-backend=\"" + ip + ":80\""));
        String backend = as(Tokens.ALICE).get("/v1/l3-networks/" + net + "/load-balancers").path("[0].backends[0].id");
        assertEquals(303, alice.submit("/portal/networks/" + net, "/portal/networks/" + net + "/load-balancers/" + lb
                + "/backends/" + backend + "/delete", Map.of()).statusCode());
        as(Tokens.ALICE).get("/v1/l3-networks/" + net + "/load-balancers").then()
                .body("[0].backends.size()", org.hamcrest.Matchers.is(0));

        // deleting: the machine is named; once it is gone, the rules and the address go with the network when asked
        assertEquals("Succeeded", io.nubis.testing.Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm)
                .then().statusCode(202).extract().path("jobId")).getString("state"));
        String detail = alice.get("/portal/networks/" + net).asString();
        assertThat(detail, containsString("id=\"delete-cascade\""));
        alice.submit("/portal/networks/" + net, "/portal/networks/" + net + "/delete", Map.of());
        assertThat(alice.get("/portal/networks/" + net).asString(), containsString("release and delete them first"));
        assertEquals(303, alice.submit("/portal/networks/" + net, "/portal/networks/" + net + "/delete",
                Map.of("cascade", "on")).statusCode());
        as(Tokens.ALICE).get("/v1/l3-networks/" + net).then().statusCode(404);
        as(Tokens.ALICE).get("/v1/elastic-ips/" + eip).then().statusCode(404);
    }
}
