package io.nubis.compute.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Api;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HostApiTest {

    @Inject
    SimulatorControl simulator;

    String zone;
    String cluster;

    @BeforeEach
    void inventory() {
        zone = Api.zone(unique("hz"));
        cluster = Api.cluster(zone, unique("hc"));
    }

    @Test
    void addedHostEndsConnectedWithTheCapacityItReports() {
        String address = unique("sim") + ".example";
        simulator.define(address, 48, 65536);
        var resp = as(Tokens.ADMIN).body(Map.of("clusterId", cluster, "address", address, "name", unique("h")))
                .post("/v1/hosts").then().statusCode(202).header("Location", containsString("/v1/jobs/"))
                .body("resource.status", is("Connecting")).extract().jsonPath();
        String hostId = resp.getString("resource.id");
        JsonPath job = Jobs.awaitFinal(resp.getString("jobId"));
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        assertEquals(100, job.getInt("percent"));
        as(Tokens.ADMIN).get("/v1/hosts/" + hostId).then().statusCode(200).body("status", is("Connected"))
                .body("state", is("Enabled")).body("cpuTotal", is(48)).body("cpuAvailable", is(48))
                .body("vlanSupported", is(true))
                .body("memoryTotalMib", is(65536)).body("zoneId", is(zone)).body("clusterName",
                        org.hamcrest.Matchers.notNullValue());
        assertTrue(simulator.isConnected(address));
        as(Tokens.ADMIN).queryParam("targetId", hostId).get("/v1/audit-events").then()
                .body("items.result", hasItem("ACCEPTED")).body("items.result", hasItem("SUCCESS"));
    }

    @Test
    void failedConnectRollsBackAndLeavesNoHost() {
        String address = unique("broken") + ".example";
        simulator.failNext(address, SimulatorAction.CONNECT, "qemu-img not found on " + address);
        var resp = as(Tokens.ADMIN).body(Map.of("clusterId", cluster, "address", address)).post("/v1/hosts").then()
                .statusCode(202).extract().jsonPath();
        JsonPath job = Jobs.awaitFinal(resp.getString("jobId"));
        assertEquals("RolledBack", job.getString("state"));
        assertTrue(job.getString("error").contains("qemu-img not found"), job.getString("error"));
        as(Tokens.ADMIN).get("/v1/hosts/" + resp.getString("resource.id")).then().statusCode(404);
        as(Tokens.ADMIN).queryParam("q", address).get("/v1/hosts").then().body("total", is(0));
        // the address is free again: a second try succeeds
        String again = Api.addHost(cluster, address);
        assertEquals("Succeeded", Jobs.awaitFinal(again).getString("state"));
    }

    @Test
    void invalidHostsAre400PerFieldAndNothingIsWritten() {
        String address = unique("dup") + ".example";
        assertEquals("Succeeded", Jobs.awaitFinal(Api.addHost(cluster, address)).getString("state"));
        Map<String, Object> bad = new HashMap<>();
        bad.put("clusterId", "00000000-0000-0000-0000-00000000beef");
        bad.put("address", "x$(touch /tmp/pwned)");
        bad.put("sshPort", 70000);
        bad.put("username", "Root;reboot");
        as(Tokens.ADMIN).body(bad).post("/v1/hosts").then().statusCode(400).body("errors.field", hasItem("clusterId"))
                .body("errors.field", hasItem("address")).body("errors.field", hasItem("sshPort"))
                .body("errors.field", hasItem("username"));
        as(Tokens.ADMIN).body(Map.of("clusterId", cluster, "address", address)).post("/v1/hosts").then()
                .statusCode(400).body("errors[0].field", is("address"))
                .body("errors[0].code", is("error_address_taken"));
        as(Tokens.ADMIN).body(Map.of("clusterId", cluster)).post("/v1/hosts").then().statusCode(400)
                .body("errors.field", hasItem("address"));
        as(Tokens.ADMIN).queryParam("clusterId", cluster).get("/v1/hosts").then().body("total", is(1));
        as(Tokens.ADMIN).queryParam("state", "Sideways").get("/v1/hosts").then().statusCode(400)
                .body("errors[0].field", is("state"));
    }

    @Test
    void disableEnableMaintenanceAndDelete() {
        String jobId = Api.addHost(cluster, unique("life") + ".example");
        JsonPath added = Jobs.awaitFinal(jobId);
        String host = added.getString("resourceId");
        as(Tokens.ADMIN).post("/v1/hosts/" + host + "/disable").then().statusCode(200).body("state", is("Disabled"));
        as(Tokens.ADMIN).post("/v1/hosts/" + host + "/enable").then().statusCode(200).body("state", is("Enabled"));
        String m = as(Tokens.ADMIN).post("/v1/hosts/" + host + "/maintenance").then().statusCode(202)
                .body("resource.state", is("PreMaintenance")).extract().path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(m).getString("state"));
        as(Tokens.ADMIN).get("/v1/hosts/" + host).then().body("state", is("Maintenance"));
        as(Tokens.ADMIN).post("/v1/hosts/" + host + "/maintenance").then().statusCode(409);
        as(Tokens.ADMIN).post("/v1/hosts/" + host + "/enable").then().statusCode(200).body("state", is("Enabled"));
        String r = as(Tokens.ADMIN).post("/v1/hosts/" + host + "/reconnect").then().statusCode(202).extract()
                .path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(r).getString("state"));
        String d = as(Tokens.ADMIN).delete("/v1/hosts/" + host).then().statusCode(202)
                .body("resource.status", is("Deleting")).extract().path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(d).getString("state"));
        as(Tokens.ADMIN).get("/v1/hosts/" + host).then().statusCode(404);
    }

    @Test
    void unreachableHostGoesDisconnectedAndComesBackByItself() {
        String address = unique("flaky") + ".example";
        String host = Jobs.awaitFinal(Api.addHost(cluster, address)).getString("resourceId");
        simulator.setReachable(address, false);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> "Disconnected".equals(as(Tokens.ADMIN).get("/v1/hosts/" + host).path("status")));
        as(Tokens.ADMIN).get("/v1/hosts/" + host).then().body("statusReason", containsString("does not answer"));
        simulator.setReachable(address, true);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> "Connected".equals(as(Tokens.ADMIN).get("/v1/hosts/" + host).path("status")));
        as(Tokens.ADMIN).queryParam("resourceId", host).queryParam("type", "host.reconnect").get("/v1/jobs").then()
                .body("items[0].state", is("Succeeded"));
    }

    @Test
    void cascadeDeleteOfAZoneRemovesItsClustersAndHosts() {
        String address = unique("cascade") + ".example";
        String host = Jobs.awaitFinal(Api.addHost(cluster, address)).getString("resourceId");
        as(Tokens.ADMIN).get("/v1/zones/" + zone + "/deletion-impact").then().body("clusters", is(1))
                .body("hosts", is(1));
        as(Tokens.ADMIN).delete("/v1/zones/" + zone).then().statusCode(409);
        String job = as(Tokens.ADMIN).queryParam("cascade", "true").delete("/v1/zones/" + zone).then().statusCode(202)
                .body("resource.state", is("Deleting")).extract().path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(job).getString("state"));
        as(Tokens.ADMIN).get("/v1/zones/" + zone).then().statusCode(404);
        as(Tokens.ADMIN).get("/v1/clusters/" + cluster).then().statusCode(404);
        as(Tokens.ADMIN).get("/v1/hosts/" + host).then().statusCode(404);
        assertFalse(simulator.isConnected(address));
    }
}
