package io.nubis.storage.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * host's address and the hosts have no route off it. http import is off in the other tests; this class turns it on.
 */
@QuarkusTest
@TestProfile(HttpImageImportKvmTest.HttpImportOn.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpImageImportKvmTest {

    /** The one setting this class changes. */
    public static class HttpImportOn implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nubis.storage.http-import", "true");
        }
    }

    static final int PORT = 8099;

    final Path served = Path.of("/var/tmp/nubis-http-" + UUID.randomUUID());
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
        // busybox httpd daemonizes; it serves only this folder, only on host 2's management address
        TestHosts.enter(host2, "busybox", "httpd", "-p", host2.ip() + ":" + PORT, "-h", served.toString());
        bsRoot = served.resolveSibling(served.getFileName() + "-bs");
        bs = StorageFixtures.sftpBackupStorage(host1, bsRoot.toString(), null);
    }

    @AfterAll
    void stopServing() {
        if (host2 != null) {
            TestHosts.enter(host2, "sh", "-c", "pkill -f \"busybox httpd -p $1\" || true", "stop",
                    host2.ip() + ":" + PORT);
        }
        TestHosts.run(List.of("rm", "-rf", served.toString(), bsRoot == null ? served.toString() : bsRoot.toString()));
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

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
