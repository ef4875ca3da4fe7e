package io.nubis.storage.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.storage.StorageFixtures;
import io.nubis.testing.Jobs;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Image import from an http URL, for real: test host 2 serves the guest image with busybox httpd on the management
 * network, the SFTP backup storage on test host 1 downloads it with curl. Nothing leaves the machine: the URL is a test
 * host's address and the hosts have no route off it. http import is off in the other tests; this class turns it on and
 * allow-lists test host 2 only (an internal mirror, as an admin would). Test host 1 plays an internal service (issue 6,
 * SSRF): its address, loopback, link-local and the management network are refused at request time, for tenants and
 * admins alike, and a redirect to it is not followed.
 */
@QuarkusTest
@TestProfile(HttpImageImportKvmTest.HttpImportOn.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpImageImportKvmTest {

    /** The one setting this class changes. */
    public static class HttpImportOn implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nubis.storage.http-import", "true", "nubis.storage.import-allowed-cidrs",
                    TestHosts.host(2).ip() + "/32");
        }
    }

    static final int PORT = 8099;

    final Path served = Path.of("/var/tmp/nubis-http-" + UUID.randomUUID());
    final Path internal = Path.of(served + "-internal");
    TestHost host1;
    TestHost host2;
    String bs;
    Path bsRoot;

    @BeforeAll
    void serveTheGuestImage() throws Exception {
        io.restassured.RestAssured.port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        host1 = TestHosts.host(1);
        host2 = TestHosts.host(2);
        Files.createDirectories(served);
        TestHosts.run(List.of("dev/testbed/guest-image", "build"));
        Files.copy(Path.of(TestHosts.run(List.of("dev/testbed/guest-image", "path", "qcow2")).strip()),
                served.resolve("guest.qcow2"));
        // a redirect to the internal service (busybox httpd runs cgi-bin scripts)
        Files.createDirectories(served.resolve("cgi-bin"));
        Path redirect = served.resolve("cgi-bin/redirect");
        Files.writeString(redirect, "#!/bin/sh\nprintf 'Status: 302 Found\\r\\nLocation: http://" + host1.ip() + ":"
                + PORT + "/secret.qcow2\\r\\n\\r\\n'\n");
        redirect.toFile().setExecutable(true);
        // busybox httpd daemonizes; it serves only this folder, only on host 2's management address
        TestHosts.enter(host2, "busybox", "httpd", "-p", host2.ip() + ":" + PORT, "-h", served.toString());
        // the "internal service" on host 1
        Files.createDirectories(internal);
        Files.copy(served.resolve("guest.qcow2"), internal.resolve("secret.qcow2"));
        TestHosts.enter(host1, "busybox", "httpd", "-p", host1.ip() + ":" + PORT, "-h", internal.toString());
        bsRoot = served.resolveSibling(served.getFileName() + "-bs");
        bs = StorageFixtures.sftpBackupStorage(host1, bsRoot.toString(), null);
    }

    @AfterAll
    void stopServing() {
        for (TestHost h : java.util.Arrays.asList(host1, host2)) {
            if (h != null) {
                TestHosts.enter(h, "sh", "-c", "pkill -f \"busybox httpd -p $1\" || true", "stop", h.ip() + ":" + PORT);
            }
        }
        TestHosts.run(List.of("rm", "-rf", served.toString(), internal.toString(),
                bsRoot == null ? served.toString() : bsRoot.toString()));
        if (bs != null) {
            as(Tokens.ADMIN).delete("/v1/backup-storage/" + bs);
        }
    }

    @Test
    void anHttpUrlIsDownloadedByTheBackupStorageAndChecked() throws Exception {
        String url = "http://" + host2.ip() + ":" + PORT + "/guest.qcow2";
        JsonPath job = StorageFixtures.importImage(Tokens.ADMIN, unique("http"), "qcow2", url, bs, true);
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        String image = job.getString("resourceId");
        String sha = sha256(served.resolve("guest.qcow2"));
        as(Tokens.ADMIN).get("/v1/images/" + image).then().body("status", is("Ready")).body("format", is("qcow2"))
                .body("sha256", is(sha)).body("sizeBytes", is((int) Files.size(served.resolve("guest.qcow2"))));
        assertEquals(sha, sha256(bsRoot.resolve("images/" + image + ".qcow2")));

        // a missing file is the import's error, and nothing is kept on the backup storage
        JsonPath missing = StorageFixtures.importImage(Tokens.ADMIN, unique("http-404"), "qcow2",
                "http://" + host2.ip() + ":" + PORT + "/no-such.qcow2", bs, true);
        assertEquals("RolledBack", missing.getString("state"), missing.prettify());
        assertTrue(missing.getString("error").contains("404"), missing.getString("error"));
        as(Tokens.ADMIN).get("/v1/images/" + missing.getString("resourceId")).then().body("status", is("Error"));
        try (var files = Files.list(bsRoot.resolve("images"))) {
            assertEquals(List.of(bsRoot.resolve("images/" + image + ".qcow2")), files.toList());
        }
        for (String id : List.of(missing.getString("resourceId"), image)) {
            assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ADMIN).delete("/v1/images/" + id).then()
                    .statusCode(202).extract().path("jobId")).getString("state"));
        }
    }

    @Test
    void aTenantImportsFromAnAllowedMirrorAndReadsErrorsWithoutInfrastructure() {
        JsonPath ok = StorageFixtures.importImage(Tokens.ALICE, unique("t-http"), "qcow2",
                "http://" + host2.ip() + ":" + PORT + "/guest.qcow2", bs, false);
        assertEquals("Succeeded", ok.getString("state"), ok.prettify());
        JsonPath missing = StorageFixtures.importImage(Tokens.ALICE, unique("t-404"), "qcow2",
                "http://" + host2.ip() + ":" + PORT + "/no-such.qcow2", bs, false);
        assertEquals("RolledBack", missing.getString("state"), missing.prettify());
        String tenantView = as(Tokens.ALICE).get("/v1/jobs/" + missing.getString("id")).then().statusCode(200)
                .extract().asString();
        assertTrue(tenantView.contains("the URL could not be fetched (HTTP 404)"), tenantView);
        for (String secret : List.of(host1.ip(), bsRoot.toString(), "curl", "exited")) {
            assertFalse(tenantView.contains(secret), secret + " in " + tenantView);
        }
        for (String id : List.of(ok.getString("resourceId"), missing.getString("resourceId"))) {
            Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/images/" + id).then().statusCode(202).extract()
                    .path("jobId"));
        }
    }

    @Test
    void internalAddressesAreRefusedAtRequestTimeForEveryone() {
        long before = as(Tokens.ADMIN).queryParam("size", "1").get("/v1/images").then().extract().jsonPath()
                .getLong("total");
        for (String url : List.of("http://" + host1.ip() + ":" + PORT + "/secret.qcow2",
                "http://127.0.0.1:8180/realms/nubis", "http://localhost:8180/realms/nubis",
                "http://169.254.169.254/latest/meta-data/", "http://10.61.0.1:8180/", "http://0.0.0.0:8180/")) {
            for (String user : List.of(Tokens.ALICE, Tokens.ADMIN)) {
                as(user).body(Map.of("name", unique("ssrf"), "format", "qcow2", "url", url)).post("/v1/images").then()
                        .statusCode(400).body("errors[0].field", is("url"))
                        .body("errors[0].code", is("error_url_address_refused"));
            }
        }
        assertEquals(before, as(Tokens.ADMIN).queryParam("size", "1").get("/v1/images").then().extract().jsonPath()
                .getLong("total"));
    }

    @Test
    void aRedirectIsNotFollowed() {
        JsonPath job = StorageFixtures.importImage(Tokens.ALICE, unique("redirect"), "qcow2",
                "http://" + host2.ip() + ":" + PORT + "/cgi-bin/redirect", bs, false);
        assertEquals("RolledBack", job.getString("state"), job.prettify());
        String tenantView = as(Tokens.ALICE).get("/v1/jobs/" + job.getString("id")).then().extract().asString();
        assertTrue(tenantView.contains("HTTP 302"), tenantView);
        Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/images/" + job.getString("resourceId")).then().statusCode(202)
                .extract().path("jobId"));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
