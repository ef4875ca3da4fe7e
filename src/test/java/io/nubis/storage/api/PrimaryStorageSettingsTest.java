package io.nubis.storage.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: an admin disables a primary storage (no new volumes; what is on it keeps running) and sets its
 * over-provisioning ratio (what it may promise beyond its size), in the API and on its page.
 */
@QuarkusTest
class PrimaryStorageSettingsTest {

    @Inject
    SimulatorControl simulator;

    @Test
    void aDisabledStorageTakesNoNewVolumesAndOverProvisioningLetsItPromiseMore() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 8);
        String ps = as(Tokens.ADMIN).queryParam("zoneId", c.zone()).get("/v1/primary-storage").path("items[0].id");
        String url = "/v1/primary-storage/" + ps;
        String vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("ps"))).getString("resourceId");

        // bad settings, field by field; tenants may not
        as(Tokens.ADMIN).body(Map.of("state", "Broken", "overprovisioningRatio", 0.5)).put(url).then().statusCode(400)
                .body("errors.field", hasItems("state", "overprovisioningRatio"));
        as(Tokens.ADMIN).body(Map.of("overprovisioningRatio", 11)).put(url).then().statusCode(400);
        as(Tokens.ALICE).body(Map.of("state", "Disabled")).put(url).then().statusCode(403);

        // disabled: a new VM cannot get its root volume there; the running one is untouched
        as(Tokens.ADMIN).body(Map.of("state", "Disabled")).put(url).then().statusCode(200)
                .body("state", is("Disabled"));
        JsonPath refused = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("ps")));
        assertEquals("RolledBack", refused.getString("state"), refused.prettify());
        as(Tokens.ADMIN).get("/v1/jobs/" + refused.getString("id")).then()
                .body("error", containsString("disabled"));
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Running"));
        as(Tokens.ADMIN).body(Map.of("state", "Enabled")).put(url).then().statusCode(200);

        // over-provisioning: twice the size may be promised; a volume larger than what is left fits only then
        JsonPath before = as(Tokens.ADMIN).get(url).then().extract().jsonPath();
        long total = before.getLong("totalBytes");
        long available = before.getLong("availableBytes");
        int size = (int) (available >> 30) + 1;
        Map<String, Object> body = new HashMap<>(Map.of("name", "big", "sizeGib", size));
        assertTrue(!succeeded(as(Tokens.ALICE).body(body).post("/v1/vm-instances/" + vm + "/volumes")),
                "a volume larger than what is left does not fit without over-provisioning");
        as(Tokens.ADMIN).body(Map.of("overprovisioningRatio", 2)).put(url).then().statusCode(200)
                .body("overprovisioningRatio", is(2.0f)).body("availableBytes", is(available + total / 100 * 100));
        assertTrue(succeeded(as(Tokens.ALICE).body(body).post("/v1/vm-instances/" + vm + "/volumes")),
                "with a ratio of 2 it fits");

        // the page shows and changes both
        io.nubis.testing.PortalSession admin = io.nubis.testing.PortalSession.login(Tokens.ADMIN);
        String page = "/admin/primary-storage/" + ps;
        Response bad = admin.submit(page, page + "/settings", Map.of("state", "Enabled", "overprovisioningRatio",
                "lots"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.asString().contains("id=\"e-overprovisioningRatio\""), bad.asString());
        Response ok = admin.submit(page, page + "/settings", Map.of("state", "Enabled", "overprovisioningRatio", "1"));
        assertEquals(303, ok.statusCode(), ok.asString());
        as(Tokens.ADMIN).get(url).then().body("overprovisioningRatio", is(1.0f));
        Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then().extract().path("jobId"));
    }

    /** Whether the request was accepted and its job succeeded (a refusal at request time counts as not). */
    private static boolean succeeded(Response r) {
        if (r.statusCode() != 202) {
            return false;
        }
        return "Succeeded".equals(Jobs.awaitFinal(r.path("jobId")).getString("state"));
    }
}
