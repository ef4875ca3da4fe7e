package io.nubis.capacity;

import static io.nubis.testing.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Capacity now and over time (issue 13): the sampler's rows, their roll-up (the peak per hour), the API, and the admin
 * dashboard's table, chart data and counters.
 */
@QuarkusTest
class CapacityDashboardTest {

    @Inject
    SimulatorControl simulator;
    @Inject
    CapacitySampler sampler;

    @Test
    void samplesAreTakenPerScopeRolledUpAndServedAsHistory() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 2, 8, 16384, 10);
        String host = c.hosts().get(0);
        // a minute ago with one VM's worth of use, now with more: the hour keeps the peak, the minutes keep both
        Instant now = Instant.now();
        sampler.sample(now.minus(1, ChronoUnit.MINUTES));
        JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, io.nubis.testing.Api.unique("cap")));
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        assertTrue(sampler.sample(now) > 0);

        JsonPath current = as(Tokens.ADMIN).get("/v1/capacity").then().statusCode(200).extract().jsonPath();
        assertThat(current.getList("scope"), hasItem("cloud"));
        Map<String, Object> hostCpu = current.getMap("find { it.scope == 'host' && it.id == '" + host
                + "' && it.metric == 'cpu' }");
        assertEquals(8, ((Number) hostCpu.get("total")).intValue());
        as(Tokens.ALICE).get("/v1/capacity").then().statusCode(403);

        JsonPath cloud = as(Tokens.ADMIN).queryParam("scope", "cloud").queryParam("metric", "cpu")
                .queryParam("range", "1h").get("/v1/capacity/history").then().statusCode(200).extract().jsonPath();
        List<Integer> used = cloud.getList("points.used", Integer.class);
        assertTrue(used.size() >= 2, cloud.prettify());
        assertTrue(cloud.getLong("points[-1].at") > cloud.getLong("points[0].at"));
        JsonPath hostDay = as(Tokens.ADMIN).queryParam("scope", "host").queryParam("id", host)
                .queryParam("metric", "memory").queryParam("range", "7d").get("/v1/capacity/history").then()
                .statusCode(200).extract().jsonPath();
        assertTrue(hostDay.getList("points").size() >= 1, "hourly roll-up: " + hostDay.prettify());
        assertEquals(16384, hostDay.getInt("points[-1].total"));

        as(Tokens.ADMIN).queryParam("scope", "galaxy").queryParam("metric", "cpu").queryParam("range", "1y")
                .queryParam("id", "x").get("/v1/capacity/history").then().statusCode(400)
                .body("errors.field", hasItem("scope")).body("errors.field", hasItem("range"));
    }

    @Test
    void theDashboardShowsCapacityPerScopeVmsByStateAndProblemsOfTheDay() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 4, 8192, 5);
        VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, io.nubis.testing.Api.unique("dash")));
        sampler.sample(Instant.now());
        PortalSession admin = PortalSession.login(Tokens.ADMIN);
        String page = admin.page("/admin").asString();
        assertThat(page, containsString("id=\"capacity-table\""));
        assertThat(page, containsString("data-scope=\"host\" data-id=\"" + c.hosts().get(0) + "\""));
        assertThat(page, containsString("href=\"/portal/vms?state=Running\""));
        assertThat(page, containsString("id=\"stat-failed-jobs\""));
        assertThat(page, containsString("href=\"/admin/audit?result=DENIED\""));
        assertThat(page, containsString("href=\"/admin/hosts?status=Disconnected\""));
        assertThat(page, containsString("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"));
        assertEquals(200, admin.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").statusCode());
        JsonPath history = admin.get("/admin/capacity-history?scope=cloud&metric=memory&range=24h").jsonPath();
        assertTrue(history.getList("points").size() >= 1, history.prettify());
    }
}
