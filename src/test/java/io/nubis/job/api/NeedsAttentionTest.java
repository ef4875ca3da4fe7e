package io.nubis.job.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Invariants;
import io.nubis.testing.Jobs;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, part 1: a rollback that fails leaves a visible record for admins (the needs-attention list, API and page)
 * with the error and a retry of the clean-up; the resource stays findable (a VM whose create could not be undone is in
 * Error, not deleted) until a retry cleans up, and then nothing is left behind.
 */
@QuarkusTest
class NeedsAttentionTest {

    @Inject
    SimulatorControl simulator;
    @Inject
    AgroalDataSource db;

    /** A create whose start fails and whose root volume cannot be deleted by the rollback ({@code deleteFailures}). */
    record FailedCreate(VmFixtures.Cloud cloud, String vm, String job, String item) {
    }

    FailedCreate failedCreate(int deleteFailures) {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 20);
        String host = c.hostAddresses().get(0);
        simulator.failNext(host, SimulatorAction.VM_CREATE, "qemu: could not start");
        for (int i = 0; i < deleteFailures; i++) {
            simulator.failNext(host, SimulatorAction.DELETE_VOLUME, "rm: cannot remove: Input/output error");
        }
        JsonPath end = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("att")));
        assertEquals("Failed", end.getString("state"), end.prettify());
        String job = end.getString("id");
        String vm = end.getString("resourceId");
        JsonPath list = as(Tokens.ADMIN).get("/v1/needs-attention?size=500").then().statusCode(200).extract()
                .jsonPath();
        String item = list.getString("items.find { it.jobId == '" + job + "' }.id");
        assertTrue(item != null, "the failed job is in the needs-attention list: " + list.prettify());
        return new FailedCreate(c, vm, job, item);
    }

    @Test
    void aFailedRollbackIsListedAndARetryCleansUp() {
        FailedCreate f = failedCreate(1);
        JsonPath item = as(Tokens.ADMIN).get("/v1/needs-attention/" + f.item()).then().statusCode(200).extract()
                .jsonPath();
        assertEquals("Open", item.getString("state"));
        assertEquals("vm.create", item.getString("jobType"));
        assertEquals(f.vm(), item.getString("resourceId"));
        assertThat(item.getString("error"), containsString("Rollback failed at step 'create-root-volume'"));
        assertThat(item.getString("error"), containsString("Input/output error"));

        // the VM stays, in Error, so the clean-up can still find what it must release; the tenant reads a text for
        // people and cannot act on it except destroy
        JsonPath vm = as(Tokens.ALICE).get("/v1/vm-instances/" + f.vm()).then().statusCode(200).extract().jsonPath();
        assertEquals("Error", vm.getString("state"));
        assertThat(vm.prettify(), not(containsString("Input/output error")));
        as(Tokens.ALICE).post("/v1/vm-instances/" + f.vm() + "/start").then().statusCode(409);
        assertEquals(1, simulator.files(f.cloud().hostAddresses().get(0)).stream()
                .filter(p -> p.contains("/volumes/")).count(), "the root volume file is still on the host");

        // tenants neither see nor act on the list
        as(Tokens.ALICE).get("/v1/needs-attention").then().statusCode(403);
        as(Tokens.ALICE).post("/v1/needs-attention/" + f.item() + "/retry").then().statusCode(403);

        // the admin retries: the job rolls back again and this time everything is released
        Response retry = as(Tokens.ADMIN).post("/v1/needs-attention/" + f.item() + "/retry");
        assertEquals(202, retry.statusCode(), retry.asString());
        assertEquals(f.job(), retry.jsonPath().getString("jobId"));
        JsonPath end = Jobs.awaitFinal(f.job(), Duration.ofSeconds(60));
        assertEquals("RolledBack", end.getString("state"), end.prettify());
        assertEquals("Resolved", as(Tokens.ADMIN).get("/v1/needs-attention/" + f.item()).then().extract()
                .path("state"));
        as(Tokens.ALICE).get("/v1/vm-instances/" + f.vm()).then().statusCode(404);
        new Invariants(db, simulator).check(f.cloud().hosts(), f.cloud().hostAddresses(), f.cloud().l3());
        assertEquals(0, simulator.files(f.cloud().hostAddresses().get(0)).stream()
                .filter(p -> p.contains("/volumes/")).count(), "no volume file left");

        // a closed entry is not retried again; the retry is audited
        as(Tokens.ADMIN).post("/v1/needs-attention/" + f.item() + "/retry").then().statusCode(409);
        JsonPath audit = as(Tokens.ADMIN).queryParam("action", "attention.retry").queryParam("size", 500)
                .get("/v1/audit-events").then().statusCode(200).extract().jsonPath();
        assertTrue(audit.getList("items.targetId", String.class).contains(f.vm()), audit.prettify());
    }

    @Test
    void aRetryThatFailsAgainReopensTheEntryAndADismissedVmCanStillBeDestroyed() {
        FailedCreate f = failedCreate(2);
        as(Tokens.ADMIN).post("/v1/needs-attention/" + f.item() + "/retry").then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "Open".equals(
                as(Tokens.ADMIN).get("/v1/needs-attention/" + f.item()).then().extract().path("state")));
        JsonPath item = as(Tokens.ADMIN).get("/v1/needs-attention/" + f.item()).then().extract().jsonPath();
        assertEquals(1, item.getInt("retries"));
        assertEquals("Failed", Jobs.awaitFinal(f.job()).getString("state"));
        assertEquals("Error", as(Tokens.ALICE).get("/v1/vm-instances/" + f.vm()).then().extract().path("state"));

        // the admin cleans up another way and dismisses the entry; the tenant's destroy releases the rest
        as(Tokens.ADMIN).post("/v1/needs-attention/" + f.item() + "/dismiss").then().statusCode(200);
        assertEquals("Dismissed", as(Tokens.ADMIN).get("/v1/needs-attention/" + f.item()).then().extract()
                .path("state"));
        as(Tokens.ADMIN).post("/v1/needs-attention/" + f.item() + "/dismiss").then().statusCode(409);
        String destroy = as(Tokens.ALICE).delete("/v1/vm-instances/" + f.vm()).then().statusCode(202).extract()
                .path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(destroy).getString("state"));
        new Invariants(db, simulator).check(f.cloud().hosts(), f.cloud().hostAddresses(), f.cloud().l3());
        assertEquals(0, simulator.files(f.cloud().hostAddresses().get(0)).stream()
                .filter(p -> p.contains("/volumes/")).count(), "no volume file left");
    }

    @Test
    void thePortalListsOpenEntriesForAdminsWithRetryAndDismiss() {
        FailedCreate f = failedCreate(1);
        PortalSession admin = PortalSession.login(Tokens.ADMIN);
        String html = admin.get("/admin/needs-attention").asString();
        assertThat(html, containsString("id=\"attention-" + f.item() + "\""));
        assertThat(html, containsString("/admin/needs-attention/" + f.item() + "/retry"));
        assertThat(admin.get("/admin").asString(), containsString("id=\"attention-alert\""));
        assertEquals(403, PortalSession.login(Tokens.ALICE).get("/admin/needs-attention").statusCode());

        Response retried = admin.submit("/admin/needs-attention", "/admin/needs-attention/" + f.item() + "/retry",
                Map.of());
        assertEquals(303, retried.statusCode(), retried.asString());
        assertThat(retried.header("Location"), containsString("/jobs/" + f.job()));
        assertEquals("RolledBack", Jobs.awaitFinal(f.job(), Duration.ofSeconds(60)).getString("state"));
        assertThat(admin.get("/admin/needs-attention").asString(), not(containsString("attention-" + f.item())));
        assertThat(admin.get("/admin/needs-attention?state=Resolved&size=500").asString(),
                containsString("attention-" + f.item()));
        assertTrue(List.of(200).contains(admin.get("/admin/needs-attention?state=Bogus").statusCode()));
    }
}
