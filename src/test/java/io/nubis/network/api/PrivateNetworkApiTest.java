package io.nubis.network.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tenants' private networks on VNI pools (issue 10), on simulated hosts: each gets a VNI of its own from the pool and
 * its own VXLAN segment on the pool's clusters; other tenants never see it; subnets of one tenant do not overlap; VMs
 * run on it and its hosts know each other as VXLAN peers; it is deleted (with its segment) once no VM uses it.
 */
@QuarkusTest
class PrivateNetworkApiTest {

    @Inject
    SimulatorControl simulator;

    static Map<String, Object> network(String pool, String name, String cidr) {
        Map<String, Object> b = new HashMap<>();
        b.put("vniPoolId", pool);
        b.put("name", name);
        b.put("cidr", cidr);
        return b;
    }

    @Test
    void tenantsGetNetworksOfTheirOwnFromAPoolAndRunVmsOnThem() {
        VmFixtures.Cloud cloud = VmFixtures.simulated(simulator, 2, 8, 8192, 10);
        int start = 2_000_000 + (int) (Math.random() * 1_000_000) * 4;
        String pool = as(Tokens.ADMIN)
                .body(Map.of("zoneId", cloud.zone(), "name", unique("pool"), "vniStart", start, "vniEnd", start + 1))
                .post("/v1/vni-pools").then().statusCode(201).body("size", is(2)).extract().path("id");

        // a pool that reaches no cluster gives no network
        as(Tokens.ALICE).body(network(pool, unique("p"), "10.50.0.0/24")).post("/v1/l3-networks").then()
                .statusCode(400).body("errors.code", hasItem("error_vni_pool_no_clusters"));
        as(Tokens.ADMIN).body(Map.of("clusterId", cloud.cluster())).post("/v1/vni-pools/" + pool + "/clusters")
                .then().statusCode(200).body("clusters[0].clusterId", is(cloud.cluster()));
        as(Tokens.ALICE).get("/v1/vni-pools").then().statusCode(200).body("id", hasItem(pool));
        as(Tokens.ALICE).body(Map.of("zoneId", cloud.zone(), "name", unique("p"), "vniStart", 5, "vniEnd", 6))
                .post("/v1/vni-pools").then().statusCode(403);

        String name = unique("net");
        JsonPath a = as(Tokens.ALICE).body(network(pool, name, "10.50.0.0/24")).post("/v1/l3-networks").then()
                .statusCode(201).body("kind", is("Private")).body("gateway", is("10.50.0.1")).body("vni", is(start))
                .body("shared", is(false)).body("ipTotal", is(253)).extract().jsonPath();
        String net = a.getString("id");
        as(Tokens.ALICE).body(network(pool, unique("o"), "10.50.0.128/25")).post("/v1/l3-networks").then()
                .statusCode(400).body("errors.code", hasItem("error_cidr_overlaps"));
        as(Tokens.ALICE).body(network(pool, name, "10.51.0.0/24")).post("/v1/l3-networks").then().statusCode(400)
                .body("errors.code", hasItem("error_private_name_taken"));
        as(Tokens.ALICE).body(Map.of("l2Id", a.getString("l2Id"), "name", unique("x"), "cidr", "10.52.0.0/24"))
                .post("/v1/l3-networks").then().statusCode(403);

        // invisible to another tenant, who may use the same subnet and gets the next VNI
        as(Tokens.BOB).get("/v1/l3-networks/" + net).then().statusCode(404);
        as(Tokens.BOB).delete("/v1/l3-networks/" + net).then().statusCode(404);
        as(Tokens.BOB).get("/v1/l3-networks").then().body("items.id", not(hasItem(net)));
        as(Tokens.ALICE).get("/v1/l3-networks").then().body("items.id", hasItem(net));
        String bobs = as(Tokens.BOB).body(network(pool, unique("b"), "10.50.0.0/24")).post("/v1/l3-networks").then()
                .statusCode(201).body("vni", is(start + 1)).extract().path("id");
        as(Tokens.ALICE).body(network(pool, unique("c"), "10.53.0.0/24")).post("/v1/l3-networks").then()
                .statusCode(409).body("code", is("error_vni_pool_exhausted"));
        as(Tokens.ADMIN).delete("/v1/vni-pools/" + pool).then().statusCode(409)
                .body("code", is("error_vni_pool_in_use"));

        // a VM on it: its host carries the segment, with the cluster's other host as its VXLAN peer
        Map<String, Object> body = VmFixtures.vmBody(cloud, unique("pvm"));
        body.put("l3NetworkIds", List.of(net));
        JsonPath job = VmFixtures.create(Tokens.ALICE, body);
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        String vm = job.getString("resourceId");
        String hostId = as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).path("hostId");
        String here = cloud.hostAddresses().get(cloud.hosts().indexOf(hostId));
        String other = cloud.hostAddresses().get(1 - cloud.hosts().indexOf(hostId));
        BridgeSpec bridge = simulator.bridges(here).get(a.getString("l2Name") == null ? "" : bridgeOf(net));
        assertNotNull(bridge, "the VM's host carries the segment");
        assertEquals(new BridgeSpec.Vxlan(start, here, List.of(other)), bridge.vxlan());
        assertEquals(Integer.valueOf(1450), simulator.dhcp(here, net).orElseThrow().mtu(), "guests use MTU 1450");

        as(Tokens.ALICE).delete("/v1/l3-networks/" + net).then().statusCode(409).body("code", is("error_l3_in_use"));
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then()
                .statusCode(202).extract().path("jobId")).getString("state"));
        as(Tokens.ALICE).delete("/v1/l3-networks/" + net).then().statusCode(204);
        as(Tokens.ADMIN).get("/v1/l2-networks/" + a.getString("l2Id")).then().statusCode(404);
        as(Tokens.BOB).delete("/v1/l3-networks/" + bobs).then().statusCode(204);
        as(Tokens.ADMIN).get("/v1/vni-pools/" + pool).then().body("used", is(0));
        as(Tokens.ADMIN).delete("/v1/vni-pools/" + pool).then().statusCode(204);
        assertNull(as(Tokens.ADMIN).get("/v1/vni-pools/" + pool).then().statusCode(404).extract().path("used"));
    }

    static String bridgeOf(String l3) {
        String l2 = as(Tokens.ADMIN).get("/v1/l3-networks/" + l3).path("l2Id");
        return as(Tokens.ADMIN).get("/v1/l2-networks/" + l2).path("bridgeName");
    }

    @Test
    void poolsAreCheckedFieldByField() {
        String zone = io.nubis.testing.Api.zone(unique("z"));
        as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("p"), "vniStart", 100, "vniEnd", 199))
                .post("/v1/vni-pools").then().statusCode(201);
        record Case(Map<String, Object> body, String field, String code) {
        }
        for (Case c : new Case[]{
                new Case(Map.of("zoneId", zone, "name", unique("p"), "vniStart", 150, "vniEnd", 250), "vniStart",
                        "error_vni_pool_overlaps"),
                new Case(Map.of("zoneId", zone, "name", unique("p"), "vniStart", 300, "vniEnd", 299), "vniEnd",
                        "error_vni_pool_order"),
                new Case(Map.of("zoneId", zone, "name", unique("p"), "vniStart", 0, "vniEnd", 5), "vniStart",
                        "error_vni_range"),
                new Case(Map.of("zoneId", zone, "name", unique("p"), "vniStart", 5, "vniEnd", 16_777_215), "vniEnd",
                        "error_vni_range"),
                new Case(Map.of("zoneId", zone, "name", unique("p"), "vniStart", 5), "vniEnd", "error_required"),
                new Case(Map.of("zoneId", zone, "name", "a b", "vniStart", 5, "vniEnd", 6), "name",
                        "error_name_format")}) {
            as(Tokens.ADMIN).body(c.body()).post("/v1/vni-pools").then().statusCode(400)
                    .body("errors.field", hasItem(c.field())).body("errors.code", hasItem(c.code()));
        }
        as(Tokens.ADMIN).queryParam("zoneId", zone).get("/v1/vni-pools").then().body("size()", is(1));
        as(Tokens.ADMIN).delete("/v1/zones/" + zone).then().statusCode(409);
    }
}
