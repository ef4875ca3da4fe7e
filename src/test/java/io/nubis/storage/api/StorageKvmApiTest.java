package io.nubis.storage.api;

import org.junit.jupiter.api.AfterEach;
import io.nubis.testing.HostInvariants;
import io.agroal.api.AgroalDataSource;
import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.DriverException;
import io.nubis.iam.Caller;
import io.nubis.storage.CachedImage;
import io.nubis.storage.ImageCacheService;
import io.nubis.storage.LocalStorageCapacity;
import io.nubis.storage.StorageFixtures;
import io.nubis.storage.VolumeService;
import io.nubis.storage.VolumeView;
import io.nubis.testing.Api;
import io.nubis.testing.Jobs;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import io.nubis.testing.PortalSession;
import java.io.File;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real storage drivers against the test hosts: an SFTP backup storage on test host 1 (password and key logins),
 * imports of the guest image in qcow2 and raw, upload, a Local primary storage on a KVM cluster of hosts 1 and 2, the
 * image cache copied through the server (once, even for concurrent callers), qcow2 linked clones, and failures
 * (read-only targets) leaving nothing behind. Everything it creates lives under directories named by a fresh UUID and
 * is removed at the end.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageKvmApiTest {

    @Inject
    ImageCacheService caches;
    @Inject
    VolumeService volumes;
    @Inject
    LocalStorageCapacity capacity;
    @Inject
    AgroalDataSource db;
    /** What was on the test hosts before this class (earlier runs' bridges and domains): not this class's doing. */
    final Map<String, java.util.Set<String>> before = new HashMap<>();

    final String run = UUID.randomUUID().toString();
    /** Shared by this machine and the test hosts (outside their private folders). */
    final Path work = Path.of("/var/tmp/nubis-storage-" + run);
    /** Private to each test host: real per-host local storage. */
    final String psPath = "/var/lib/nubis/storage-test-" + run;
    TestHost host1;
    TestHost host2;
    String qcow2Source;
    String rawSource;
    String cluster;
    String hostId1;
    String hostId2;
    String bs;
    String qcow2Image;
    String rawImage;
    String ps;
    final List<String> images = new ArrayList<>();

    /** Class-level callbacks run before Quarkus points REST-assured at the test port. */
    private static void restAssuredToTestPort() {
        RestAssured.port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class)
                .orElse(8081);
    }

    @BeforeAll
    void setUp() throws Exception {
        restAssuredToTestPort();
        host1 = TestHosts.host(1);
        host2 = TestHosts.host(2);
        for (TestHost h : List.of(host1, host2)) {
            before.put(h.name(), HostInvariants.before(h));
        }
        TestHosts.run(List.of("dev/testbed/guest-image", "build"));
        Files.createDirectories(work.resolve("src"));
        qcow2Source = work.resolve("src/guest.qcow2").toString();
        rawSource = work.resolve("src/guest.raw").toString();
        Files.copy(Path.of(TestHosts.run(List.of("dev/testbed/guest-image", "path", "qcow2")).strip()),
                Path.of(qcow2Source));
        Files.copy(Path.of(TestHosts.run(List.of("dev/testbed/guest-image", "path", "raw")).strip()),
                Path.of(rawSource));
        String zone = Api.zone(unique("kz"));
        cluster = as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("kvm"), "hypervisorType", "KVM"))
                .post("/v1/clusters").then().statusCode(201).extract().path("id");
        hostId1 = Api.addKvmHost(cluster, host1);
        hostId2 = Api.addKvmHost(cluster, host2);
        ps = StorageFixtures.localStorage(zone, psPath);
    }

    private String addBackupStorage(String root, boolean useKey) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", unique("sftp"));
        b.put("type", "SFTP");
        b.put("address", host1.ip());
        b.put("port", host1.sshPort());
        b.put("username", host1.user());
        b.put("rootPath", root);
        b.put("importFolders", List.of(work.resolve("src").toString()));
        if (useKey) {
            b.put("privateKey", host1.privateKey());
        } else {
            b.put("password", host1.password());
        }
        var resp = as(Tokens.ADMIN).body(b).post("/v1/backup-storage").then().statusCode(202)
                .body(not(containsString(host1.password()))).extract().jsonPath();
        JsonPath job = Jobs.awaitFinal(resp.getString("jobId"));
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        return job.getString("resourceId");
    }

    private static String sha256(String path) {
        return TestHosts.run(List.of("sha256sum", path)).split("\\s+")[0];
    }

    private List<String> filesOnBackupStorage() throws Exception {
        try (var s = Files.list(work.resolve("bs/images"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Order(1)
    void sftpBackupStorageWithPasswordAndWithKeyReportsCapacityAndPinsTheKey() {
        bs = addBackupStorage(work.resolve("bs").toString(), false);
        as(Tokens.ADMIN).get("/v1/backup-storage/" + bs).then().body("status", is("Connected"))
                .body("totalBytes", greaterThan(0L)).body("availableBytes", greaterThan(0L))
                .body("hostKeyFingerprint", is(host1.hostKeyFingerprint())).body("credentialKind", is("password"))
                .body(not(containsString(host1.password())));
        assertTrue(Files.isDirectory(work.resolve("bs/images")), "connect created <root>/images");
        String keyed = addBackupStorage(work.resolve("bs-key").toString(), true);
        as(Tokens.ADMIN).get("/v1/backup-storage/" + keyed).then().body("status", is("Connected"))
                .body("credentialKind", is("privateKey"));
        as(Tokens.ADMIN).delete("/v1/backup-storage/" + keyed).then().statusCode(204);
    }

    @Test
    @Order(2)
    void importsTheGuestImageAsQcow2AndRawWithTheRealChecksum() throws Exception {
        JsonPath q = StorageFixtures.importImage(Tokens.ADMIN, unique("guest-q"), "qcow2", qcow2Source, bs, true);
        assertEquals("Succeeded", q.getString("state"), q.prettify());
        qcow2Image = q.getString("resourceId");
        images.add(qcow2Image);
        as(Tokens.ADMIN).get("/v1/images/" + qcow2Image).then().body("status", is("Ready"))
                .body("format", is("qcow2")).body("sha256", is(sha256(qcow2Source)))
                .body("sizeBytes", is((int) Files.size(Path.of(qcow2Source)))).body("virtualSizeBytes", is(67108864))
                .body("path", is(work + "/bs/images/" + qcow2Image + ".qcow2"));
        assertEquals(sha256(qcow2Source), sha256(work + "/bs/images/" + qcow2Image + ".qcow2"));

        JsonPath r = StorageFixtures.importImage(Tokens.ADMIN, unique("guest-r"), "raw", "file://" + rawSource, bs,
                true);
        assertEquals("Succeeded", r.getString("state"), r.prettify());
        rawImage = r.getString("resourceId");
        images.add(rawImage);
        as(Tokens.ADMIN).get("/v1/images/" + rawImage).then().body("status", is("Ready")).body("format", is("raw"))
                .body("sha256", is(sha256(rawSource)));
    }

    /**
     * Issue 12: an image copied to a second store (key login) is the same bytes there (the copy streams over SFTP
     * through the server and is checked); deleting the image removes both files, and the store can go.
     */
    @Test
    @Order(2)
    void anImageCopiedToAnotherStoreIsTheSameBytesAndGoesWithTheImage() throws Exception {
        JsonPath q = StorageFixtures.importImage(Tokens.ADMIN, unique("guest-c"), "qcow2", qcow2Source, bs, true);
        assertEquals("Succeeded", q.getString("state"), q.prettify());
        String image = q.getString("resourceId");
        String second = addBackupStorage(work.resolve("bs-copy").toString(), true);
        JsonPath copied = Jobs.awaitFinal(as(Tokens.ADMIN).body(Map.of("backupStorageId", second))
                .post("/v1/images/" + image + "/copies").then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", copied.getString("state"), copied.prettify());
        String copy = work + "/bs-copy/images/" + image + ".qcow2";
        assertEquals(sha256(qcow2Source), sha256(copy));
        as(Tokens.ADMIN).get("/v1/images/" + image).then().body("copies[0].path", is(copy))
                .body("copies[0].status", is("Ready"));
        JsonPath deleted = Jobs.awaitFinal(as(Tokens.ADMIN).delete("/v1/images/" + image).then().statusCode(202)
                .extract().path("jobId"));
        assertEquals("Succeeded", deleted.getString("state"), deleted.prettify());
        assertTrue(!Files.exists(Path.of(copy)) && !Files.exists(work.resolve("bs/images/" + image + ".qcow2")));
        as(Tokens.ADMIN).delete("/v1/backup-storage/" + second).then().statusCode(204);
    }

    @Test
    @Order(3)
    void aWrongDeclaredFormatIsAnErrorAndLeavesNoFile() throws Exception {
        List<String> before = filesOnBackupStorage();
        JsonPath bad = StorageFixtures.importImage(Tokens.ADMIN, unique("wrong"), "raw", qcow2Source, bs, true);
        images.add(bad.getString("resourceId"));
        assertEquals("RolledBack", bad.getString("state"));
        assertTrue(bad.getString("error").contains("declared as raw but its content is qcow2"),
                bad.getString("error"));
        as(Tokens.ADMIN).get("/v1/images/" + bad.getString("resourceId")).then().body("status", is("Error"))
                .body("statusReason", containsString("declared as raw"));
        assertEquals(before, filesOnBackupStorage(), "no temporary or final file left");

        JsonPath missing = StorageFixtures.importImage(Tokens.ADMIN, unique("missing"), "qcow2",
                work + "/src/no-such-file.qcow2", bs, true);
        images.add(missing.getString("resourceId"));
        assertEquals("RolledBack", missing.getString("state"));
        assertTrue(missing.getString("error").contains("No such file"), missing.getString("error"));
        assertEquals(before, filesOnBackupStorage());
    }

    /** Imports as admin and checks the job rolled back with {@code detail} in its error, leaving no file. */
    private void refused(String url, String format, String detail) throws Exception {
        List<String> before = filesOnBackupStorage();
        JsonPath job = StorageFixtures.importImage(Tokens.ADMIN, unique("refused"), format, url, bs, true);
        images.add(job.getString("resourceId"));
        assertEquals("RolledBack", job.getString("state"), job.prettify());
        assertTrue(job.getString("error").contains(detail), job.getString("error"));
        assertEquals(before, filesOnBackupStorage(), "nothing copied");
    }

    @Test
    @Order(3)
    void pathImportsStayInsideTheImportFolderOnTheServer() throws Exception {
        Path src = work.resolve("src");
        // links inside the import folder that point out of it: resolved on the server and refused
        Files.createSymbolicLink(src.resolve("passwd-link"), Path.of("/etc/passwd"));
        refused(src + "/passwd-link", "raw", "outside the import folders");
        Files.createSymbolicLink(src.resolve("store-link"), work.resolve("bs/images"));
        refused(src + "/store-link/" + qcow2Image + ".qcow2", "qcow2", "outside the import folders");
        Files.createDirectories(src.resolve("a-folder"));
        refused(src + "/a-folder", "raw", "not a regular file");
        // a link that stays inside the folder is fine
        Files.createSymbolicLink(src.resolve("same-image"), Path.of(qcow2Source));
        JsonPath ok = StorageFixtures.importImage(Tokens.ADMIN, unique("linked"), "qcow2", src + "/same-image", bs,
                true);
        images.add(ok.getString("resourceId"));
        assertEquals("Succeeded", ok.getString("state"), ok.prettify());
        // qcow2 images that name other files of the server are refused before qemu-img opens them
        TestHosts.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-b", "/etc/passwd", "-F", "raw",
                src + "/backed.qcow2"));
        refused(src + "/backed.qcow2", "qcow2", "refers to another file (a backing file)");
        TestHosts.run(List.of("qemu-img", "create", "-q", "-f", "raw", src + "/data.raw", "1M"));
        TestHosts.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-o", "data_file=" + src + "/data.raw",
                src + "/with-data-file.qcow2", "1M"));
        refused(src + "/with-data-file.qcow2", "qcow2", "refers to another file (an external data file)");
    }

    @Test
    @Order(4)
    void uploadStreamsIntoTheBackupStorage() throws Exception {
        String id = as(Tokens.ALICE).contentType(ContentType.BINARY).body(new File(qcow2Source))
                .queryParam("name", unique("upl")).queryParam("format", "qcow2").queryParam("backupStorageId", bs)
                .post("/v1/images/upload").then().statusCode(201).body("status", is("Ready"))
                .body("format", is("qcow2")).body("sha256", is(sha256(qcow2Source))).extract().path("id");
        images.add(id);
        assertEquals(sha256(qcow2Source), sha256(work + "/bs/images/" + id + ".qcow2"));
        as(Tokens.BOB).get("/v1/images/" + id).then().statusCode(404);
    }

    @Test
    @Order(4)
    void uploadIsStreamedWhileTheClientStillSends() throws Exception {
        // the first half reaches the backup storage's temporary file before the client sends the second half:
        // the server streams the body instead of buffering it whole
        byte[] image = Files.readAllBytes(Path.of(qcow2Source));
        int half = image.length / 2;
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(toServer, 1 << 20);
        String name = unique("stream");
        HttpRequest req = HttpRequest.newBuilder(URI.create(PortalSession.baseUrl() + "/v1/images/upload?name=" + name
                + "&format=qcow2&backupStorageId=" + bs)).header("Authorization", "Bearer " + Tokens.of(Tokens.ADMIN))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(req,
                HttpResponse.BodyHandlers.ofString());
        toServer.write(image, 0, half);
        toServer.flush();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (var files = Files.list(work.resolve("bs/images"))) {
                return files.anyMatch(f -> f.toString().endsWith(".part") && f.toFile().length() > 0);
            }
        });
        assertFalse(answer.isDone(), "the server answered before the body was complete");
        toServer.write(image, half, image.length - half);
        toServer.close();
        HttpResponse<String> resp = answer.get(60, TimeUnit.SECONDS);
        assertEquals(201, resp.statusCode(), resp.body());
        JsonPath created = new JsonPath(resp.body());
        images.add(created.getString("id"));
        assertEquals(sha256(qcow2Source), created.getString("sha256"));
    }

    @Test
    @Order(5)
    void attachPreparesBothHostsAndReportsTheirCapacity() {
        JsonPath job = StorageFixtures.attach(ps, cluster);
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).then().body("clusters[0].status", is("Attached"))
                .body("hosts.size()", is(2)).body("hosts[0].totalBytes", greaterThan(0L))
                .body("hosts[1].availableBytes", greaterThan(0L));
        for (TestHost h : new TestHost[]{host1, host2}) {
            TestHosts.enter(h, "test", "-d", psPath + "/images");
            TestHosts.enter(h, "test", "-d", psPath + "/volumes");
        }
    }

    @Test
    @Order(6)
    void theCacheCopiesOnceAndItsChecksumMatches() throws Exception {
        CachedImage first = caches.ensureCached(ps, hostId1, qcow2Image);
        assertTrue(first.copied());
        assertEquals(psPath + "/images/" + qcow2Image + ".qcow2", first.path());
        assertEquals(sha256(qcow2Source), TestHosts.enter(host1, "sha256sum", first.path()).split("\\s+")[0]);
        String inode = TestHosts.enter(host1, "stat", "-c", "%i %Y", first.path());
        CachedImage second = caches.ensureCached(ps, hostId1, qcow2Image);
        assertFalse(second.copied());
        assertEquals(inode, TestHosts.enter(host1, "stat", "-c", "%i %Y", first.path()), "not copied again");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CachedImage>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(pool.submit(() -> {
                    go.await();
                    return caches.ensureCached(ps, hostId2, qcow2Image);
                }));
            }
            go.countDown();
            int copied = 0;
            for (Future<CachedImage> f : both) {
                copied += f.get().copied() ? 1 : 0;
            }
            assertEquals(1, copied, "two concurrent callers, one copy");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(sha256(qcow2Source), TestHosts.enter(host2, "sha256sum", first.path()).split("\\s+")[0]);
        assertEquals("", TestHosts.enter(host2, "find", psPath, "-name", "*.part"), "no temporary file left");
    }

    @Test
    @Order(7)
    void rootVolumeIsALinkedCloneOfTheCacheAndDeleteRemovesIt() throws Exception {
        long before = capacity.available(ps, hostId1);
        String vm = UUID.randomUUID().toString();
        VolumeView v = volumes.createRootVolume(Caller.system(), vm, ps, hostId1, qcow2Image, 128L << 20);
        assertEquals(psPath + "/volumes/" + v.id() + ".qcow2", v.path());
        String info = TestHosts.enter(host1, "qemu-img", "info", "--output=json", v.path());
        JsonPath j = new JsonPath(info);
        assertEquals("qcow2", j.getString("format"));
        assertEquals(psPath + "/images/" + qcow2Image + ".qcow2", j.getString("backing-filename"));
        assertEquals(128L << 20, j.getLong("virtual-size"));
        assertEquals(before - (128L << 20), capacity.available(ps, hostId1));

        as(Tokens.ADMIN).delete("/v1/images/" + qcow2Image).then().statusCode(409);
        volumes.deleteVolume(v.id());
        assertThrows(IllegalStateException.class, () -> TestHosts.enter(host1, "test", "-e", v.path()));
        assertEquals(before, capacity.available(ps, hostId1));
    }

    @Test
    @Order(8)
    void readOnlyTargetsFailWithoutLeavingAnything() throws Exception {
        // the volumes folder of host 2 becomes read-only: the clone fails, nothing is kept
        String vols = psPath + "/volumes";
        TestHosts.enter(host2, "mount", "--bind", vols, vols);
        TestHosts.enter(host2, "mount", "-o", "remount,bind,ro", vols);
        long before = capacity.available(ps, hostId2);
        String vm = UUID.randomUUID().toString();
        try {
            DriverException e = assertThrows(DriverException.class,
                    () -> volumes.createRootVolume(Caller.system(), vm, ps, hostId2, qcow2Image, 0));
            assertTrue(e.getMessage().contains("creating the root volume"), e.getMessage());
        } finally {
            TestHosts.enter(host2, "umount", vols);
        }
        assertEquals(before, capacity.available(ps, hostId2));
        as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").then().body("total", is(0));
        assertEquals("", TestHosts.enter(host2, "find", vols, "-type", "f"));

        // the cache folder of host 1 becomes read-only: caching the raw image fails, no row, no space taken
        String cache = psPath + "/images";
        TestHosts.enter(host1, "mount", "--bind", cache, cache);
        TestHosts.enter(host1, "mount", "-o", "remount,bind,ro", cache);
        long before1 = capacity.available(ps, hostId1);
        try {
            assertThrows(DriverException.class, () -> caches.ensureCached(ps, hostId1, rawImage));
        } finally {
            TestHosts.enter(host1, "umount", cache);
        }
        assertEquals(before1, capacity.available(ps, hostId1));
        assertEquals("", TestHosts.enter(host1, "find", cache, "-name", rawImage + "*"));
        assertTrue(caches.ensureCached(ps, hostId1, rawImage).copied(), "works again, and copies, once writable");

        // a primary storage whose directory is read-only on a host cannot be attached; the other host is released
        String roPath = "/var/lib/nubis/storage-ro-" + run;
        TestHosts.enter(host1, "mkdir", "-p", roPath);
        TestHosts.enter(host1, "mount", "--bind", roPath, roPath);
        TestHosts.enter(host1, "mount", "-o", "remount,bind,ro", roPath);
        String zone2 = Api.zone(unique("kz"));
        try {
            // issue 12: detaching is a job; the hosts give the storage up: cached images and empty folders go
            JsonPath detached = Jobs.awaitFinal(as(Tokens.ADMIN).delete("/v1/primary-storage/" + ps + "/clusters/"
                    + cluster).then().statusCode(202).extract().path("jobId"));
            assertEquals("Succeeded", detached.getString("state"), detached.prettify());
            for (TestHost h : List.of(host1, host2)) {
                assertEquals("", TestHosts.enter(h, "sh", "-c", "[ -e \"$1\" ] && find \"$1\" || true", "sh", psPath)
                        .strip(), "nothing of the storage is left on " + h.name());
            }
            as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).then().body("clusters.size()", is(0))
                    .body("hosts.size()", is(0));
            String ro = StorageFixtures.localStorage(
                    as(Tokens.ADMIN).get("/v1/clusters/" + cluster).then().extract().path("zoneId"), roPath);
            JsonPath failed = StorageFixtures.attach(ro, cluster);
            assertEquals("RolledBack", failed.getString("state"), failed.prettify());
            as(Tokens.ADMIN).get("/v1/primary-storage/" + ro).then().body("clusters.size()", is(0))
                    .body("hosts.size()", is(0));
            assertThrows(IllegalStateException.class, () -> TestHosts.enter(host2, "test", "-e", roPath));
            as(Tokens.ADMIN).delete("/v1/primary-storage/" + ro).then().statusCode(204);
        } finally {
            TestHosts.enter(host1, "umount", roPath);
            TestHosts.enter(host1, "rmdir", roPath);
        }
        assertTrue(zone2 != null);
    }

    /** Issue 7: every volume file under the storage folder has its row, whatever the test made fail. */
    @AfterEach
    void nothingLeftOnTheHosts() {
        for (TestHost h : List.of(host1, host2)) {
            HostInvariants.check(db::getConnection, h, psPath, before.get(h.name()));
        }
    }

    @AfterAll
    void cleanUp() throws Exception {
        restAssuredToTestPort();
        for (String id : images) {
            String job = as(Tokens.ADMIN).delete("/v1/images/" + id).then().extract().path("jobId");
            if (job != null) {
                Jobs.awaitFinal(job);
            }
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
        for (String id : new String[]{hostId1, hostId2}) {
            if (id != null) {
                String job = as(Tokens.ADMIN).delete("/v1/hosts/" + id).then().extract().path("jobId");
                if (job != null) {
                    Jobs.awaitFinal(job);
                }
            }
        }
        for (TestHost h : new TestHost[]{host1, host2}) {
            if (h != null) {
                TestHosts.enter(h, "rm", "-rf", "--", psPath);
            }
        }
        TestHosts.run(List.of("rm", "-rf", "--", work.toString()));
    }
}
