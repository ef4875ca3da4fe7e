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
    @Inject
    io.agroal.api.AgroalDataSource db;
    @Inject
    io.nubis.job.JobFaultHook faults;

    /**
     * The image cache clean-up removes the copies nothing uses (their file and space) and keeps the ones a VM's volume
     * is made from; a crash after its step settles with the same result.
     */
    @Test
    void theCacheCleanupRemovesWhatNothingUsesAndKeepsTheRest() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 8);
        String ps = as(Tokens.ADMIN).queryParam("zoneId", c.zone()).get("/v1/primary-storage").path("items[0].id");
        String address = c.hostAddresses().get(0);
        String vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("cc"))).getString("resourceId");
        String cached = cachedPath(ps);
        assertTrue(simulator.files(address).contains(cached), "the image is cached on the host");
        String url = "/v1/primary-storage/" + ps + "/image-cache/cleanup";
        as(Tokens.ALICE).post(url).then().statusCode(403);

        // a VM's root volume is made from it: it stays
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ADMIN).post(url).then().statusCode(202).extract()
                .path("jobId")).getString("state"));
        assertEquals(cached, cachedPath(ps));
        long before = as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).path("availableBytes");

        // the VM goes: the copy is unused and goes too (a crash after the step settles the same)
        Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then().statusCode(202).extract()
                .path("jobId"));
        faults.armAfterStep(io.nubis.storage.ImageCacheCleanupWorkflow.TYPE, "remove-unused");
        as(Tokens.ADMIN).post(url).then().statusCode(202);
        String job = io.nubis.testing.Crashes.crashedJob(faults, io.nubis.storage.ImageCacheCleanupWorkflow.TYPE,
                "remove-unused");
        faults.reset();
        io.nubis.testing.Crashes.expire(db, job);
        JsonPath end = Jobs.awaitFinal(job);
        assertTrue(java.util.List.of("Succeeded", "RolledBack").contains(end.getString("state")), end.prettify());
        assertEquals(null, cachedPath(ps), "the row is gone");
        assertTrue(!simulator.files(address).contains(cached), "and the file");
        long after = as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).path("availableBytes");
        assertTrue(after > before, "its space is back: " + before + " -> " + after);
        // the page's button starts the same job
        io.nubis.testing.PortalSession admin = io.nubis.testing.PortalSession.login(Tokens.ADMIN);
        Response clicked = admin.submit("/admin/primary-storage/" + ps, "/admin/primary-storage/" + ps
                + "/cache-cleanup", Map.of());
        assertEquals(303, clicked.statusCode(), clicked.asString());
        // and a VM made afterwards gets a fresh copy
        JsonPath again = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("cc")));
        assertEquals("Succeeded", again.getString("state"), again.prettify());
        assertEquals(cached, cachedPath(ps));
        Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + again.getString("resourceId")).then()
                .extract().path("jobId"));
    }

    /**
     * Maintenance: refused while a VM uses the storage (naming it) unless the admin asks for the VMs to be stopped;
     * then the job stops them (a crash after its step settles the same), the storage is Maintenance, its VMs do not
     * start and no new VM goes there; Enabled again, all works. Also from the storage's page.
     */
    @Test
    void maintenanceStopsTheVmsUsingTheStorageAndKeepsThemStoppedUntilItEnds() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 8, true);
        String ps = as(Tokens.ADMIN).queryParam("zoneId", c.zone()).get("/v1/primary-storage").path("items[0].id");
        String vmName = unique("pm");
        String vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, vmName)).getString("resourceId");
        // a detached data volume on it, to attach during maintenance
        JsonPath added = as(Tokens.ALICE).body(Map.of("name", "data", "sizeGib", 1))
                .post("/v1/vm-instances/" + vm + "/volumes").then().statusCode(202).extract().jsonPath();
        assertEquals("Succeeded", Jobs.awaitFinal(added.getString("jobId")).getString("state"));
        String data = added.getString("resource.id");
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/volumes/" + data
                + "/detach").then().statusCode(202).extract().path("jobId")).getString("state"));
        String url = "/v1/primary-storage/" + ps + "/maintenance";
        as(Tokens.ALICE).body(Map.of("stopVms", true)).post(url).then().statusCode(403);
        as(Tokens.ADMIN).body(Map.of()).post(url).then().statusCode(409).body("code", is("error_ps_has_vms"))
                .body("detail", containsString(vmName));
        as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).then().body("state", is("Enabled"));

        faults.armAfterStep(io.nubis.storage.PrimaryStorageMaintenanceWorkflow.TYPE, "stop-vms");
        as(Tokens.ADMIN).body(Map.of("stopVms", true)).post(url).then().statusCode(202)
                .body("resource.state", is("PreMaintenance"));
        String job = io.nubis.testing.Crashes.crashedJob(faults,
                io.nubis.storage.PrimaryStorageMaintenanceWorkflow.TYPE, "stop-vms");
        faults.reset();
        io.nubis.testing.Crashes.expire(db, job);
        JsonPath end = Jobs.awaitFinal(job);
        assertEquals("Succeeded", end.getString("state"), end.prettify());
        as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).then().body("state", is("Maintenance"));
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Stopped"));

        as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/start").then().statusCode(409)
                .body("code", is("error_vm_storage_maintenance"));
        as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/volumes/" + data + "/attach").then().statusCode(409)
                .body("code", is("error_volume_storage_maintenance"));
        JsonPath refused = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("pm")));
        assertEquals("RolledBack", refused.getString("state"), refused.prettify());
        as(Tokens.ADMIN).body(Map.of("stopVms", true)).post(url).then().statusCode(409)
                .body("code", is("error_ps_going_to_maintenance"));

        as(Tokens.ADMIN).body(Map.of("state", "Enabled")).put("/v1/primary-storage/" + ps).then().statusCode(200)
                .body("state", is("Enabled"));
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/start").then()
                .statusCode(202).extract().path("jobId")).getString("state"));

        // the page: a form with the choice; stopping the VM from there too
        io.nubis.testing.PortalSession admin = io.nubis.testing.PortalSession.login(Tokens.ADMIN);
        assertTrue(admin.page("/admin/primary-storage/" + ps).asString().contains("id=\"ps-maintenance\""));
        Response clicked = admin.submit("/admin/primary-storage/" + ps, "/admin/primary-storage/" + ps
                + "/maintenance", Map.of("stopVms", "true"));
        assertEquals(303, clicked.statusCode(), clicked.asString());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> "Maintenance"
                .equals(as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).path("state")));
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Stopped"));
        as(Tokens.ADMIN).body(Map.of("state", "Enabled")).put("/v1/primary-storage/" + ps).then().statusCode(200);
        Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then().statusCode(202).extract()
                .path("jobId"));
    }

    private String cachedPath(String ps) throws java.sql.SQLException {
        try (java.sql.Connection conn = db.getConnection();
                java.sql.PreparedStatement st = conn
                        .prepareStatement("SELECT path FROM image_cache WHERE primary_storage_id = ?")) {
            st.setString(1, ps);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

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
