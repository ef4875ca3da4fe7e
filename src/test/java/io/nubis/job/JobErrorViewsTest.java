package io.nubis.job;

import static io.nubis.testing.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.iam.Account;
import io.nubis.platform.Ids;
import io.nubis.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, item 4: the two views of a failed job, through the real engine and the API with real tokens. The job belongs
 * to alice's account; alice reads a text for people with the reference, never the detail (address, path, command, class
 * name, rollback notes) nor an admin-only log line; the admin reads everything.
 */
@QuarkusTest
class JobErrorViewsTest {

    static final List<String> SECRETS = List.of(ErrorViewsWorkflow.ADDRESS, ErrorViewsWorkflow.PATH,
            ErrorViewsWorkflow.COMMAND, "qemu-img", "IllegalStateException", "Rollback failed", "Exception");

    static String acme;

    @Inject
    StepJournal journal;

    @BeforeEach
    void accounts() {
        if (acme == null) {
            as(Tokens.ALICE).get("/v1/jobs").then().statusCode(200); // the first call provisions alice's account
            acme = QuarkusTransaction.requiringNew()
                    .call(() -> Account.<Account>find("name", "acme").<Account>firstResult()).id;
        }
    }

    /** Runs a test.error-views job owned by acme to its end; its id. */
    static String failedJob(String fail, boolean failRollback) {
        Map<String, String> params = new HashMap<>(Map.of("fail", fail));
        if (failRollback) {
            params.put("failRollback", "true");
        }
        String id = JobFixtures.submit(JobFixtures.request(ErrorViewsWorkflow.TYPE, Ids.newId(), acme, params));
        JobFixtures.awaitFinal(id);
        return id;
    }

    static JsonPath job(String user, String id) {
        return as(user).get("/v1/jobs/" + id).then().statusCode(200).extract().jsonPath();
    }

    static String raw(String user, String path) {
        return as(user).get(path).then().statusCode(200).extract().asString();
    }

    static void assertNoSecrets(String text) {
        for (String secret : SECRETS) {
            assertThat(text, not(containsString(secret)));
        }
    }

    @Test
    void aTenantReadsTheDriversTextForPeopleAndTheAdminTheDetail() {
        String id = failedJob("driver-public", false);

        JsonPath tenant = job(Tokens.ALICE, id);
        assertEquals("RolledBack", tenant.getString("state"));
        assertEquals(ErrorViewsWorkflow.PUBLIC + " The operation was undone (reference " + id + ").",
                tenant.getString("error"));
        assertEquals(id, tenant.getString("errorReference"));
        assertNull(tenant.get("publicError"), "the portal's copy never goes on the wire");
        assertNoSecrets(raw(Tokens.ALICE, "/v1/jobs/" + id));
        assertNoSecrets(raw(Tokens.ALICE, "/v1/jobs?resourceId=" + tenant.getString("resourceId")));

        JsonPath admin = job(Tokens.ADMIN, id);
        assertEquals(ErrorViewsWorkflow.DETAIL, admin.getString("error"));
        assertEquals(id, admin.getString("errorReference"));
        assertEquals(ErrorViewsWorkflow.PUBLIC, JobFixtures.row(id).publicError);
    }

    @Test
    void anUnexpectedExceptionGivesTheTenantAGenericTextWithTheReference() {
        String id = failedJob("unexpected", false);

        assertEquals("The operation failed and was undone (reference " + id + ").",
                job(Tokens.ALICE, id).getString("error"));
        assertNoSecrets(raw(Tokens.ALICE, "/v1/jobs/" + id));
        assertEquals("IllegalStateException: " + ErrorViewsWorkflow.DETAIL, job(Tokens.ADMIN, id).getString("error"));
        assertNull(JobFixtures.row(id).publicError);
    }

    @Test
    void aDriverErrorWithoutATextForPeopleIsGenericForTheTenant() {
        String id = failedJob("driver", false);

        assertEquals("The operation failed and was undone (reference " + id + ").",
                job(Tokens.ALICE, id).getString("error"));
        assertEquals(ErrorViewsWorkflow.DETAIL, job(Tokens.ADMIN, id).getString("error"));
    }

    @Test
    void aNubisExceptionsEnglishMessageIsWhatTheTenantReads() {
        String id = failedJob("nubis", false);

        assertEquals("Image web-image is not ready (Error). The operation was undone (reference " + id + ").",
                job(Tokens.ALICE, id).getString("error"));
        assertEquals("Image web-image is not ready (Error).", job(Tokens.ADMIN, id).getString("error"));
    }

    @Test
    void aFailedRollbackIsToldWithoutItsNotes() {
        String id = failedJob("driver-public", true);

        JsonPath tenant = job(Tokens.ALICE, id);
        assertEquals("Failed", tenant.getString("state"));
        assertEquals(ErrorViewsWorkflow.PUBLIC + " The operation could not be fully undone; an administrator needs to"
                + " look at it (reference " + id + ").", tenant.getString("error"));
        assertNoSecrets(raw(Tokens.ALICE, "/v1/jobs/" + id));
        assertNoSecrets(raw(Tokens.ALICE, "/v1/jobs/" + id + "/log"));

        String detail = job(Tokens.ADMIN, id).getString("error");
        assertTrue(detail.startsWith(ErrorViewsWorkflow.DETAIL + "\nRollback failed at step 'create-disk': "
                + "IllegalStateException: " + ErrorViewsWorkflow.ROLLBACK_DETAIL), detail);
    }

    @Test
    void aTenantReceivesOnlyTheLogLinesWrittenForTenants() {
        String id = failedJob("driver-public", true);

        List<String> tenant = as(Tokens.ALICE).get("/v1/jobs/" + id + "/log").then().statusCode(200).extract()
                .jsonPath().getList("message", String.class);
        assertEquals(List.of("step 1/1 create-disk", ErrorViewsWorkflow.PUBLIC_LINE,
                "step create-disk failed: " + ErrorViewsWorkflow.PUBLIC, "rollback of step create-disk failed",
                "rollback incomplete: an administrator should check the resource"), tenant);
        as(Tokens.ALICE).get("/v1/jobs/" + id + "/log").then().body("adminOnly", not(hasItem(true)));

        JsonPath admin = as(Tokens.ADMIN).get("/v1/jobs/" + id + "/log").then().statusCode(200).extract().jsonPath();
        List<String> all = admin.getList("message", String.class);
        assertTrue(all.contains(ErrorViewsWorkflow.ADMIN_LINE), all.toString());
        assertTrue(all.contains("step create-disk failed: " + ErrorViewsWorkflow.DETAIL), all.toString());
        assertTrue(all.contains("rollback of step create-disk failed: IllegalStateException: "
                + ErrorViewsWorkflow.ROLLBACK_DETAIL), all.toString());
        assertTrue(all.containsAll(tenant), all.toString());
        List<Boolean> adminOnly = admin.getList("adminOnly", Boolean.class);
        assertEquals(true, adminOnly.get(all.indexOf(ErrorViewsWorkflow.ADMIN_LINE)));
        assertEquals(false, adminOnly.get(all.indexOf(ErrorViewsWorkflow.PUBLIC_LINE)));
    }

    @Test
    void theAuditEventATenantCanReadKeepsTheTenantsText() {
        String id = failedJob("unexpected", true);
        String resource = job(Tokens.ADMIN, id).getString("resourceId");

        String events = as(Tokens.ALICE).queryParam("targetId", resource).get("/v1/audit-events").then()
                .statusCode(200).extract().asString();
        assertNoSecrets(events);
        JsonPath failure = as(Tokens.ALICE).queryParam("targetId", resource).queryParam("result", "FAILURE")
                .get("/v1/audit-events").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(job(Tokens.ALICE, id).getString("error")), failure.getList("items.detail"));
        assertEquals(List.of(id), failure.getList("items.jobId"), "admins follow the job id to the detail");
    }

    @Test
    void aJobInterruptedByAStoppedServerIsToldWithoutTheServersNames() {
        Job orphan = JobFixtures.insert(acme, RollbackOnRecoveryWorkflow.TYPE, JobState.Running, Map.of("steps", "3"),
                1, 3, 1, "mgmt-7.internal.example:8080", Instant.now().minusSeconds(60), null);
        JobFixtures.awaitFinal(orphan.id);

        assertEquals("The operation was interrupted because a management server stopped. The operation was undone"
                + " (reference " + orphan.id + ").", job(Tokens.ALICE, orphan.id).getString("error"));
        String log = raw(Tokens.ALICE, "/v1/jobs/" + orphan.id + "/log");
        assertThat(log, containsString("the server working on this operation stopped; rolling back every step"));
        assertThat(log, not(containsString("mgmt-7")));
        assertThat(raw(Tokens.ALICE, "/v1/jobs/" + orphan.id), not(containsString("mgmt-7")));
        assertThat(job(Tokens.ADMIN, orphan.id).getString("error"), containsString("mgmt-7.internal.example:8080"));
    }

    @Test
    void onFailedIsGivenTheTenantsTextToKeepInTheResource() {
        String id = failedJob("driver-public", false);
        String tenantText = job(Tokens.ALICE, id).getString("error");
        assertEquals(List.of("publicError:" + tenantText), journal.events(id));
        assertNoSecrets(tenantText);
    }
}
