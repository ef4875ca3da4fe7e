package io.nubis.job;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.storage.StorageFixtures;
import io.nubis.testing.Jobs;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, item 4, on the simulator: a tenant's job fails in a driver call whose message (scripted through
 * {@link SimulatorControl}) names a storage host's address, a root path and a full command line. Everything the tenant
 * reads (API, portal pages, htmx fragments, the VM's state reason) carries the reference and none of those; the admin
 * reads the detail.
 */
@QuarkusTest
class TenantErrorViewsTest {

    static final String ADDRESS = "192.0.2.77";
    static final String ROOT_PATH = "/srv/nubis-secret-root";
    static final String COMMAND = "virsh -c qemu:///system shutdown nubis-vm --mode acpi";
    static final String DETAIL = "stopping the VM on " + ADDRESS + " failed: `" + COMMAND + "` exited 1; stderr: "
            + "error: cannot open " + ROOT_PATH + "/volumes/root.qcow2: Permission denied";

    static PortalSession alice;
    static PortalSession admin;

    @Inject
    SimulatorControl simulator;

    @BeforeAll
    static void login() {
        alice = PortalSession.login(Tokens.ALICE);
        admin = PortalSession.login(Tokens.ADMIN);
    }

    @Test
    void aTenantsFailedVmStopShowsTheReferenceButNoInfrastructureDetail() {
        VmFixtures.Cloud cloud = VmFixtures.simulated(simulator, 1, 8, 16384, 10);
        String hostAddress = cloud.hostAddresses().get(0);
        JsonPath created = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("web")));
        assertEquals("Succeeded", created.getString("state"), created.prettify());
        String vm = created.getString("resourceId");

        simulator.failNext(hostAddress, SimulatorAction.VM_STOP, DETAIL);
        String job = as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop").then().statusCode(202).extract()
                .path("jobId");
        JsonPath done = Jobs.awaitFinal(job);
        assertEquals("RolledBack", done.getString("state"), done.prettify());
        List<String> secrets = List.of(ADDRESS, ROOT_PATH, COMMAND, "virsh", "stderr", hostAddress);
        String reference = "reference " + job;

        // the API as the tenant
        String tenantJob = tenantApi("/v1/jobs/" + job, secrets);
        assertThat(tenantJob, containsString(reference));
        tenantApi("/v1/jobs?resourceId=" + vm, secrets);
        tenantApi("/v1/jobs/" + job + "/log", secrets);
        String tenantVm = tenantApi("/v1/vm-instances/" + vm, secrets);
        assertEquals("The operation failed and was undone (" + reference + ").",
                as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("stateReason"), tenantVm);

        // the portal as the tenant: pages and the htmx fragments they poll
        assertThat(tenantPage("/jobs/" + job, secrets), containsString(reference));
        assertThat(tenantPage("/jobs/" + job + "/progress", secrets), containsString(reference));
        tenantPage("/jobs/" + job + "/log", secrets);
        tenantPage("/jobs?resourceId=" + vm, secrets);
        String vmPage = tenantPage("/portal/vms/" + vm, secrets);
        assertThat(vmPage, containsString("id=\"vm-state-reason\""));
        assertThat(vmPage, containsString(reference));
        assertThat(tenantPage("/portal/vms/" + vm + "/summary", secrets), containsString(reference));
        assertThat(tenantPage("/portal", secrets), containsString(reference));

        // the admin reads the detail
        assertEquals(DETAIL, as(Tokens.ADMIN).get("/v1/jobs/" + job).path("error"));
        assertEquals(DETAIL, as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).path("stateReason"));
        assertThat(as(Tokens.ADMIN).get("/v1/jobs/" + job + "/log").asString(), containsString(COMMAND));
        assertThat(adminPage("/jobs/" + job), containsString(COMMAND));
        assertThat(adminPage("/jobs/" + job + "/progress"), containsString(ADDRESS));
        assertThat(adminPage("/portal/vms/" + vm + "/summary"), containsString(ROOT_PATH));
    }

    @Test
    void aFailedSharedImageShowsTenantsTheReferenceAndAdminsTheDetail() {
        String bsAddress = unique("bs") + ".example";
        String bs = StorageFixtures.simulatorBackupStorage(bsAddress);
        simulator.failNext(bsAddress, SimulatorAction.BS_IMPORT, DETAIL);
        JsonPath job = StorageFixtures.importImage(Tokens.ADMIN, unique("img"), "qcow2", "/data/guest.qcow2", bs,
                true);
        assertEquals("RolledBack", job.getString("state"), job.prettify());
        String image = job.getString("resourceId");

        String tenantImage = tenantApi("/v1/images/" + image, List.of(ADDRESS, ROOT_PATH, COMMAND, bsAddress));
        assertEquals("The operation failed and was undone (reference " + job.getString("id") + ").",
                as(Tokens.ALICE).get("/v1/images/" + image).path("statusReason"), tenantImage);
        assertEquals(DETAIL, as(Tokens.ADMIN).get("/v1/images/" + image).path("statusReason"));
    }

    /** An upload is no job, but its failure has the same two views (the reference is the image id). */
    @Test
    void aFailedUploadTellsTheTenantAReferenceAndTheAdminTheDetail() {
        String bsAddress = unique("bs") + ".example";
        String bs = StorageFixtures.simulatorBackupStorage(bsAddress);
        byte[] raw = new byte[4096];
        for (String user : List.of(Tokens.ALICE, Tokens.ADMIN)) {
            simulator.failNext(bsAddress, SimulatorAction.BS_UPLOAD, DETAIL);
            String detail = as(user).contentType(ContentType.BINARY).body(raw).queryParam("name", unique("up"))
                    .queryParam("format", "raw").queryParam("backupStorageId", bs).post("/v1/images/upload").then()
                    .statusCode(422).body("code", is("error_upload_failed")).extract().path("detail");
            if (user.equals(Tokens.ADMIN)) {
                assertThat(detail, containsString(DETAIL));
            } else {
                assertThat(detail, matchesPattern("The upload could not be stored: the backup storage could not store"
                        + " the file \\(reference [0-9a-f-]{36}\\)"));
                assertNone("upload", detail, List.of(ADDRESS, ROOT_PATH, COMMAND, bsAddress));
                String image = detail.substring(detail.indexOf("reference ") + 10, detail.length() - 1);
                String events = tenantApi("/v1/audit-events?targetId=" + image, List.of(ADDRESS, ROOT_PATH, COMMAND));
                assertThat(events, containsString("FAILURE"));
            }
        }
    }

    /** GETs an API path as alice, checks it answers 200 without any of {@code secrets}; the body. */
    static String tenantApi(String path, List<String> secrets) {
        String body = as(Tokens.ALICE).get(path).then().statusCode(200).extract().asString();
        assertNone(path, body, secrets);
        return body;
    }

    static String tenantPage(String path, List<String> secrets) {
        Response r = alice.get(path);
        assertEquals(200, r.statusCode(), path);
        assertNone(path, r.asString(), secrets);
        return r.asString();
    }

    static String adminPage(String path) {
        Response r = admin.get(path);
        assertEquals(200, r.statusCode(), path);
        return r.asString();
    }

    static void assertNone(String where, String text, List<String> secrets) {
        for (String secret : secrets) {
            assertThat(where, text, not(containsString(secret)));
        }
    }
}
