package io.nubis.job;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.network.NetworkFixtures;
import io.nubis.storage.StorageFixtures;
import io.nubis.testing.Api;
import io.nubis.testing.Jobs;
import io.nubis.testing.PortalSession;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, item 4, on a real KVM test host: a tenant starts its stopped VM while the VM's console log on the host is
 * read-only, so libvirt refuses to start the domain. The job's error and the VM's state reason carry, for the admin,
 * what the host said (its address, the file's path, the virsh command line); the tenant reads the same failure through
 * the API and the portal without any of it, with the job's reference.
 */
@QuarkusTest
class TenantErrorViewsKvmTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private String hostId;
    private String cluster;
    private String ps;
    private String bs;
    private String image;

    @Test
    void aVmThatCannotStartOnItsHostShowsTheTenantTheReferenceAndTheAdminTheHostsAnswer() throws Exception {
        io.restassured.RestAssured.port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        TestHost host = TestHosts.host(1);
        Path work = Files.createTempDirectory(Path.of("/var/tmp"), "nubis-errviews-");
        String psPath = "/var/lib/nubis/" + unique("errviews-ps");
        String vm = null;
        String consoleLog = null;
        try {
            VmFixtures.Cloud cloud = kvmCloud(host, work, psPath);
            JsonPath created = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("errviews")));
            assertEquals("Succeeded", created.getString("state"), created.prettify());
            vm = created.getString("resourceId");
            JsonPath stopped = Jobs.awaitFinal(as(Tokens.ALICE).queryParam("force", true)
                    .post("/v1/vm-instances/" + vm + "/stop").then().statusCode(202).extract().path("jobId"), TIMEOUT);
            assertEquals("Succeeded", stopped.getString("state"), stopped.prettify());

            // only this VM's console log becomes read-only: other VMs on the shared host are not touched
            consoleLog = "/var/log/nubis/console/" + vm + ".log";
            TestHosts.enter(host, "touch", consoleLog);
            TestHosts.enter(host, "mount", "--bind", consoleLog, consoleLog);
            TestHosts.enter(host, "mount", "-o", "remount,bind,ro", consoleLog, consoleLog);
            String job = as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/start").then().statusCode(202).extract()
                    .path("jobId");
            JsonPath failed = Jobs.awaitFinal(job, TIMEOUT);
            TestHosts.enter(host, "umount", consoleLog);
            consoleLog = null;
            assertEquals("RolledBack", failed.getString("state"), failed.prettify());

            // the admin reads what the host answered
            String detail = failed.getString("error");
            assertThat(detail, containsString(host.ip()));
            assertThat(detail, containsString("virsh"));
            assertEquals(detail, as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).path("stateReason"));

            // the tenant reads none of it, everywhere, and the reference
            List<String> secrets = List.of(host.ip(), "10.61.0.", "/var/log/nubis", psPath, "virsh", "qemu:///",
                    "stderr", "exited");
            String reference = "reference " + job;
            assertEquals("The operation failed and was undone (" + reference + ").",
                    as(Tokens.ALICE).get("/v1/jobs/" + job).path("error"));
            assertEquals("Stopped", as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("state"));
            assertEquals("The operation failed and was undone (" + reference + ").",
                    as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("stateReason"));
            for (String path : List.of("/v1/jobs/" + job, "/v1/jobs/" + job + "/log", "/v1/vm-instances/" + vm,
                    "/v1/jobs?resourceId=" + vm)) {
                assertNone(path, as(Tokens.ALICE).get(path).then().statusCode(200).extract().asString(), secrets);
            }
            PortalSession alice = PortalSession.login(Tokens.ALICE);
            for (String path : List.of("/jobs/" + job, "/jobs/" + job + "/progress", "/jobs/" + job + "/log",
                    "/portal/vms/" + vm)) {
                Response page = alice.get(path);
                assertEquals(200, page.statusCode(), path);
                assertNone(path, page.asString(), secrets);
                if (!path.endsWith("/log")) {
                    assertThat(path, page.asString(), containsString(reference));
                }
            }
        } finally {
            if (consoleLog != null) {
                TestHosts.enter(host, "umount", consoleLog);
            }
            if (vm != null) {
                JsonPath destroyed = Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then()
                        .statusCode(202).extract().path("jobId"), TIMEOUT);
                assertEquals("Succeeded", destroyed.getString("state"), destroyed.prettify());
            }
            removeCloud();
            TestHosts.enter(host, "rm", "-rf", psPath);
            TestHosts.run(List.of("rm", "-rf", work.toString()));
        }
    }

    /** The host goes too: later KVM tests add the same test host to clusters of their own. */
    private void removeCloud() {
        if (image != null) {
            awaitIfJob(as(Tokens.ADMIN).delete("/v1/images/" + image).then().extract().path("jobId"));
        }
        if (ps != null) {
            String detaching = as(Tokens.ADMIN).delete("/v1/primary-storage/" + ps + "/clusters/" + cluster).then()
                    .extract().path("jobId");
            if (detaching != null) {
                io.nubis.testing.Jobs.awaitFinal(detaching);
            }
            as(Tokens.ADMIN).delete("/v1/primary-storage/" + ps);
        }
        if (bs != null) {
            as(Tokens.ADMIN).delete("/v1/backup-storage/" + bs);
        }
        if (hostId != null) {
            awaitIfJob(as(Tokens.ADMIN).delete("/v1/hosts/" + hostId).then().extract().path("jobId"));
        }
    }

    private static void awaitIfJob(String job) {
        if (job != null) {
            Jobs.awaitFinal(job, TIMEOUT);
        }
    }

    /** One KVM host with Local primary storage, the guest image on SFTP backup storage, a flat network, an offering. */
    private VmFixtures.Cloud kvmCloud(TestHost host, Path work, String psPath) throws Exception {
        Files.createDirectories(work.resolve("src"));
        TestHosts.run(List.of("dev/testbed/guest-image", "build"));
        Path qcow2 = work.resolve("src/guest.qcow2");
        Files.copy(Path.of(TestHosts.run(List.of("dev/testbed/guest-image", "path", "qcow2")).strip()), qcow2);
        String zone = Api.zone(unique("errviews"));
        cluster = as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("kvm"), "hypervisorType", "KVM"))
                .post("/v1/clusters").then().statusCode(201).extract().path("id");
        hostId = Api.addKvmHost(cluster, host);
        ps = StorageFixtures.localStorage(zone, psPath);
        assertEquals("Succeeded", StorageFixtures.attach(ps, cluster).getString("state"));
        bs = StorageFixtures.sftpBackupStorage(host, work.resolve("bs").toString(),
                work.resolve("src").toString());
        JsonPath imported = StorageFixtures.importImage(Tokens.ADMIN, unique("guest"), "qcow2", qcow2.toString(), bs,
                true);
        image = imported.getString("resourceId");
        assertEquals("Succeeded", imported.getString("state"), imported.prettify());
        String l2 = NetworkFixtures.l2(zone, unique("flat"));
        assertEquals("Succeeded", NetworkFixtures.attach(l2, cluster).getString("state"));
        int n = 100 + (int) (System.nanoTime() % 100);
        String l3 = NetworkFixtures.l3(l2, unique("flat"), "10.78." + n + ".0/24", "10.78." + n + ".1", true);
        NetworkFixtures.range(l3, "10.78." + n + ".10", "10.78." + n + ".20");
        return new VmFixtures.Cloud(zone, cluster, List.of(hostId), List.of(host.ip()), image, l3,
                VmFixtures.offering(1, 160));
    }

    private static void assertNone(String where, String text, List<String> secrets) {
        for (String secret : secrets) {
            assertThat(where, text, not(containsString(secret)));
        }
    }
}
