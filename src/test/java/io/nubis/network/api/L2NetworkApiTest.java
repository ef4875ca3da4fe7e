package io.nubis.network.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.network.NetworkFixtures;
import io.nubis.testing.Api;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class L2NetworkApiTest {

    @Inject
    SimulatorControl simulator;

    static long l2Count(String zone) {
        return as(Tokens.ADMIN).queryParam("zoneId", zone).get("/v1/l2-networks").then().statusCode(200).extract()
                .jsonPath().getLong("total");
    }

    static Map<String, Object> body(String zone, String name, String type, String uplink, String bridge) {
        Map<String, Object> b = new HashMap<>();
        b.put("zoneId", zone);
        b.put("name", name);
        if (type != null) {
            b.put("type", type);
        }
        if (uplink != null) {
            b.put("physicalInterface", uplink);
        }
        if (bridge != null) {
            b.put("bridgeName", bridge);
        }
        return b;
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        body.put(key, value);
        return body;
    }

    @Test
    void aVlanNetworkPutsTheUplinksSubInterfaceInItsBridgeOnEveryHost() {
        String zone = Api.zone(unique("z"));
        String cluster = Api.cluster(zone, unique("c"));
        String a1 = "sim-l2-" + unique("a");
        NetworkFixtures.simulatedHost(cluster, a1);
        JsonPath n = as(Tokens.ADMIN).body(with(body(zone, unique("vl"), "Vlan", "eth1", null), "vlanId", 100))
                .post("/v1/l2-networks").then().statusCode(201).body("type", is("Vlan")).extract().jsonPath();
        JsonPath job = NetworkFixtures.attach(n.getString("id"), cluster);
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        String bridge = n.getString("bridgeName");
        assertEquals(new BridgeSpec(bridge, "eth1", 100, null), simulator.bridges(a1).get(bridge));
    }

    @Test
    void aVxlanNetworkGivesEveryHostTheOthersAsPeersAndNewHostsAreLearned() {
        String zone = Api.zone(unique("z"));
        String c1 = Api.cluster(zone, unique("c"));
        String c2 = Api.cluster(zone, unique("c"));
        String a1 = "sim-vx-" + unique("a");
        String a2 = "sim-vx-" + unique("b");
        String b1 = "sim-vx-" + unique("c");
        NetworkFixtures.simulatedHost(c1, a1);
        NetworkFixtures.simulatedHost(c1, a2);
        NetworkFixtures.simulatedHost(c2, b1);
        int vni = 1_000_000 + (int) (Math.random() * 5_000_000);
        JsonPath n = as(Tokens.ADMIN).body(with(body(zone, unique("vx"), "Vxlan", null, null), "vni", vni))
                .post("/v1/l2-networks").then().statusCode(201).extract().jsonPath();
        String l2 = n.getString("id");
        String bridge = n.getString("bridgeName");
        assertEquals("Succeeded", NetworkFixtures.attach(l2, c1).getString("state"));
        assertEquals(new BridgeSpec(bridge, null, null, new BridgeSpec.Vxlan(vni, a1, java.util.List.of(a2))),
                simulator.bridges(a1).get(bridge));
        assertEquals(java.util.List.of(a1), simulator.bridges(a2).get(bridge).vxlan().peers());
        // a second cluster: its host knows all three; a host of the first learns it once it carries the segment
        assertEquals("Succeeded", NetworkFixtures.attach(l2, c2).getString("state"));
        assertEquals(java.util.List.of(a1, a2).stream().sorted().toList(),
                simulator.bridges(b1).get(bridge).vxlan().peers());
    }

    @Test
    void createDerivesTheBridgeNameFromTheIdAndEditsOnlyNameAndDescription() {
        String zone = Api.zone(unique("z"));
        String name = unique("l2");
        JsonPath n = as(Tokens.ADMIN).body(body(zone, name, null, "eth1", null)).post("/v1/l2-networks").then()
                .statusCode(201).body("type", is("NoVlan")).body("physicalInterface", is("eth1"))
                .body("clusters", hasSize(0)).extract().jsonPath();
        String id = n.getString("id");
        assertEquals("nbr" + id.replace("-", "").substring(0, 12), n.getString("bridgeName"));
        as(Tokens.ADMIN).body(Map.of("name", name + "-x", "description", "d", "bridgeName", "other"))
                .put("/v1/l2-networks/" + id).then().statusCode(200).body("name", is(name + "-x"))
                .body("description", is("d")).body("bridgeName", is(n.getString("bridgeName")));
        as(Tokens.ADMIN).delete("/v1/l2-networks/" + id).then().statusCode(204);
        assertEquals(0, l2Count(zone));
    }

    @Test
    void everyInvalidFieldIsA400WithItsNameAndNothingIsWritten() {
        String zone = Api.zone(unique("z"));
        String taken = unique("taken");
        String takenId = as(Tokens.ADMIN).body(body(zone, taken, null, "eth9", "brtaken")).post("/v1/l2-networks")
                .then().statusCode(201).extract().path("id");
        as(Tokens.ADMIN).body(with(body(zone, unique("vt"), "Vlan", "eth9", null), "vlanId", 7))
                .post("/v1/l2-networks").then().statusCode(201).body("vlanId", is(7));
        as(Tokens.ADMIN).body(with(body(zone, unique("xt"), "Vxlan", null, null), "vni", 4242))
                .post("/v1/l2-networks").then().statusCode(201).body("vni", is(4242));
        record Case(Map<String, Object> body, String field, String code) {
        }
        for (Case c : new Case[]{
                new Case(body(zone, unique("v"), "Vlan", null, null), "physicalInterface",
                        "error_vlan_needs_interface"),
                new Case(body(zone, unique("v"), "Vlan", "eth1", null), "vlanId", "error_required"),
                new Case(with(body(zone, unique("v"), "Vlan", "eth1", null), "vlanId", 4095), "vlanId",
                        "error_vlan_id_range"),
                new Case(with(body(zone, unique("v"), "Vlan", "eth1", null), "vlanId", 0), "vlanId",
                        "error_vlan_id_range"),
                new Case(with(body(zone, unique("v"), "Vlan", "enp0s31f6x12", null), "vlanId", 1000),
                        "physicalInterface", "error_vlan_name_too_long"),
                new Case(with(body(zone, unique("v"), null, "eth1", null), "vlanId", 10), "vlanId",
                        "error_vlan_id_only_vlan"),
                new Case(with(body(zone, unique("v"), "Vlan", "eth9", null), "vlanId", 7), "vlanId",
                        "error_vlan_taken"),
                new Case(body(zone, unique("x"), "Vxlan", null, null), "vni", "error_required"),
                new Case(with(body(zone, unique("x"), "Vxlan", null, null), "vni", 16_777_215), "vni",
                        "error_vni_range"),
                new Case(with(body(zone, unique("x"), "Vxlan", "eth1", null), "vni", 5), "physicalInterface",
                        "error_vxlan_no_interface"),
                new Case(with(body(zone, unique("x"), null, null, null), "vni", 5), "vni", "error_vni_only_vxlan"),
                new Case(with(body(zone, unique("x"), "Vxlan", null, null), "vni", 4242), "vni", "error_vni_taken"),
                new Case(body(zone, unique("t"), "Gre", null, null), "type", "error_enum"),
                new Case(body(zone, taken, null, null, null), "name", "error_name_taken_in_zone"),
                new Case(body(zone, "x$(touch /tmp/nubis-pwned);a", null, null, null), "name", "error_name_format"),
                new Case(body(zone, unique("i"), null, "eth0;reboot", null), "physicalInterface",
                        "error_interface_format"),
                new Case(body(zone, unique("i"), null, "a-very-long-interface", null), "physicalInterface",
                        "error_interface_format"),
                new Case(body(zone, unique("i"), null, "eth9", null), "physicalInterface", "error_interface_taken"),
                new Case(body(zone, unique("b"), null, null, "Br0"), "bridgeName", "error_bridge_format"),
                new Case(body(zone, unique("b"), null, null, "br$(x)"), "bridgeName", "error_bridge_format"),
                new Case(body(zone, unique("b"), null, null, "brtaken"), "bridgeName", "error_bridge_taken"),
                new Case(body(zone, unique("b"), null, "br5", "br5"), "physicalInterface", "error_interface_is_bridge"),
                new Case(body("00000000-0000-0000-0000-00000000beef", unique("z"), null, null, null), "zoneId",
                        "error_unknown_zone")}) {
            as(Tokens.ADMIN).body(c.body()).post("/v1/l2-networks").then().statusCode(400)
                    .body("errors.field", hasItem(c.field())).body("errors.code", hasItem(c.code()));
        }
        assertEquals(3, l2Count(zone));
        as(Tokens.ADMIN).get("/v1/l2-networks/" + takenId).then().statusCode(200).body("name", is(taken));
    }

    @Test
    void attachCreatesTheBridgeOnConnectedHostsAndDetachKeepsIt() {
        String zone = Api.zone(unique("z"));
        String cluster = Api.cluster(zone, unique("c"));
        String a1 = "sim-l2-" + unique("a");
        String a2 = "sim-l2-" + unique("b");
        NetworkFixtures.simulatedHost(cluster, a1);
        NetworkFixtures.simulatedHost(cluster, a2);
        String l2 = NetworkFixtures.l2(zone, unique("l2"));
        String bridge = as(Tokens.ADMIN).get("/v1/l2-networks/" + l2).then().extract().path("bridgeName");

        JsonPath job = NetworkFixtures.attach(l2, cluster);
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        assertEquals("l2.attach", job.getString("type"));
        for (String address : new String[]{a1, a2}) {
            assertEquals(new BridgeSpec(bridge, null), simulator.bridges(address).get(bridge), address);
        }
        as(Tokens.ADMIN).get("/v1/l2-networks/" + l2).then().body("clusters", hasSize(1))
                .body("clusters[0].clusterId", is(cluster)).body("clusters[0].state", is("Attached"));
        as(Tokens.ADMIN).body(Map.of("clusterId", cluster)).post("/v1/l2-networks/" + l2 + "/attach").then()
                .statusCode(409).body("code", is("error_l2_already_attached"));

        as(Tokens.ADMIN).body(Map.of("clusterId", cluster)).post("/v1/l2-networks/" + l2 + "/detach").then()
                .statusCode(200).body("clusters", hasSize(0));
        assertTrue(simulator.bridges(a1).containsKey(bridge), "bridges are never deleted by Nubis");
        as(Tokens.ADMIN).body(Map.of("clusterId", cluster)).post("/v1/l2-networks/" + l2 + "/detach").then()
                .statusCode(409).body("code", is("error_l2_not_attached"));
    }

    @Test
    void aFailingHostRollsTheAttachmentBack() {
        String zone = Api.zone(unique("z"));
        String cluster = Api.cluster(zone, unique("c"));
        String address = "sim-l2-" + unique("f");
        NetworkFixtures.simulatedHost(cluster, address);
        String l2 = NetworkFixtures.l2(zone, unique("l2"));
        simulator.failNext(address, SimulatorAction.ENSURE_BRIDGE, "bridge module missing on " + address);
        JsonPath job = NetworkFixtures.attach(l2, cluster);
        assertEquals("RolledBack", job.getString("state"));
        assertEquals("bridge module missing on " + address, job.getString("error"));
        as(Tokens.ADMIN).get("/v1/l2-networks/" + l2).then().body("clusters", hasSize(0));
        // and it can be attached again once the host is fine
        assertEquals("Succeeded", NetworkFixtures.attach(l2, cluster).getString("state"));
    }

    @Test
    void attachRefusesClustersOfOtherZonesAndUnknownOnes() {
        String zone = Api.zone(unique("z"));
        String other = Api.cluster(Api.zone(unique("z2")), unique("c"));
        String l2 = NetworkFixtures.l2(zone, unique("l2"));
        as(Tokens.ADMIN).body(Map.of("clusterId", other)).post("/v1/l2-networks/" + l2 + "/attach").then()
                .statusCode(400).body("errors[0].field", is("clusterId"))
                .body("errors[0].code", is("error_cluster_other_zone"));
        as(Tokens.ADMIN).body(Map.of("clusterId", "00000000-0000-0000-0000-00000000beef"))
                .post("/v1/l2-networks/" + l2 + "/attach").then().statusCode(400)
                .body("errors[0].code", is("error_unknown_cluster"));
        as(Tokens.ADMIN).body(Map.of()).post("/v1/l2-networks/" + l2 + "/attach").then().statusCode(400)
                .body("errors[0].field", is("clusterId"));
        as(Tokens.ADMIN).get("/v1/l2-networks/" + l2).then().body("clusters", hasSize(0));
    }

    @Test
    void anL2WithL3NetworksAndAZoneWithL2NetworksAreNotDeleted() {
        String zone = Api.zone(unique("z"));
        String l2 = NetworkFixtures.l2(zone, unique("l2"));
        String l3 = NetworkFixtures.l3(l2, unique("l3"), "10.80.1.0/24", null, false);
        as(Tokens.ADMIN).delete("/v1/l2-networks/" + l2).then().statusCode(409).body("code", is("error_l2_has_l3"));
        as(Tokens.ADMIN).delete("/v1/zones/" + zone).then().statusCode(409).body("code", is("error_zone_has_l2"));
        as(Tokens.ADMIN).queryParam("cascade", "true").delete("/v1/zones/" + zone).then().statusCode(409);
        as(Tokens.ADMIN).get("/v1/zones/" + zone).then().statusCode(200).body("state", is("Enabled"));
        as(Tokens.ADMIN).delete("/v1/l3-networks/" + l3).then().statusCode(204);
        as(Tokens.ADMIN).delete("/v1/l2-networks/" + l2).then().statusCode(204);
        as(Tokens.ADMIN).delete("/v1/zones/" + zone).then().statusCode(204);
    }

    @Test
    void tenantsGet403OnL2Networks() {
        String zone = Api.zone(unique("z"));
        String l2 = NetworkFixtures.l2(zone, unique("l2"));
        String cluster = Api.cluster(zone, unique("c"));
        as(Tokens.ALICE).get("/v1/l2-networks").then().statusCode(403);
        as(Tokens.ALICE).get("/v1/l2-networks/" + l2).then().statusCode(403);
        as(Tokens.ALICE).body(body(zone, unique("t"), null, null, null)).post("/v1/l2-networks").then()
                .statusCode(403);
        as(Tokens.ALICE).body(Map.of("name", "t")).put("/v1/l2-networks/" + l2).then().statusCode(403);
        as(Tokens.ALICE).body(Map.of("clusterId", cluster)).post("/v1/l2-networks/" + l2 + "/attach").then()
                .statusCode(403);
        as(Tokens.ALICE).delete("/v1/l2-networks/" + l2).then().statusCode(403);
        assertEquals(1, l2Count(zone));
        as(Tokens.ADMIN).queryParam("action", "l2-network.delete").queryParam("targetId", l2).get("/v1/audit-events")
                .then().body("items[0].result", is("DENIED"));
    }

    @Test
    void attachIsAJobWithLocation() {
        String zone = Api.zone(unique("z"));
        String cluster = Api.cluster(zone, unique("c"));
        String l2 = NetworkFixtures.l2(zone, unique("l2"));
        var resp = as(Tokens.ADMIN).body(Map.of("clusterId", cluster)).post("/v1/l2-networks/" + l2 + "/attach")
                .then().statusCode(202).header("Location", containsString("/v1/jobs/"))
                .body("resource.clusters[0].state", is("Attaching")).extract().jsonPath();
        JsonPath job = io.nubis.testing.Jobs.awaitFinal(resp.getString("jobId"));
        assertEquals("Succeeded", job.getString("state"));
        assertFalse(job.getString("resourceId").isEmpty());
        assertEquals(l2, job.getString("resourceId"));
    }
}
