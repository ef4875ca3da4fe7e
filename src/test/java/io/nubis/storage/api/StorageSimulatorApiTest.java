package io.nubis.storage.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.DriverException;
import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.iam.Caller;
import io.nubis.storage.CachedImage;
import io.nubis.storage.ImageCacheService;
import io.nubis.storage.LocalStorageCapacity;
import io.nubis.storage.NoPrimaryStorageException;
import io.nubis.storage.PrimaryStorageService;
import io.nubis.storage.StorageFixtures;
import io.nubis.storage.StorageFullException;
import io.nubis.storage.VolumeService;
import io.nubis.storage.VolumeView;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage feature's own logic against the simulator drivers: import pipeline, uploads, validation, tenancy, attach
 * with per-host preparation, the image cache's copy-once guarantee, volumes and capacity, and a failure injected in
 * each step leaving nothing behind.
 */
@QuarkusTest
class StorageSimulatorApiTest {

    @Inject
    SimulatorControl simulator;
    @Inject
    ImageCacheService caches;
    @Inject
    VolumeService volumes;
    @Inject
    LocalStorageCapacity capacity;
    @Inject
    PrimaryStorageService primaryStorage;

    String bsAddress;
    String bs;

    @BeforeEach
    void backupStorage() {
        bsAddress = unique("bs") + ".example";
        bs = StorageFixtures.simulatorBackupStorage(bsAddress);
    }

    @Test
    void addedBackupStorageIsConnectedWithCapacityAndImagesFolder() {
        as(Tokens.ADMIN).get("/v1/backup-storage/" + bs).then().statusCode(200).body("status", is("Connected"))
                .body("totalBytes", is(1099511627776L)).body("credentialKind", is("none"))
                .body("rootPath", is("/srv/images"));
        as(Tokens.ALICE).get("/v1/backup-storage/" + bs).then().statusCode(403);
    }

    @Test
    void importDetectsTheFormatAndRecordsTheChecksum() {
        JsonPath job = StorageFixtures.importImage(Tokens.ADMIN, unique("img"), "qcow2", "/data/disk.qcow2", bs,
                true);
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        String id = job.getString("resourceId");
        String path = "/srv/images/images/" + id + ".qcow2";
        as(Tokens.ADMIN).get("/v1/images/" + id).then().body("status", is("Ready")).body("format", is("qcow2"))
                .body("virtualSizeBytes", is(1073741824)).body("path", is(path))
                .body("sha256", is(simulator.fileSha256(bsAddress, path).orElseThrow()));
        JsonPath iso = StorageFixtures.importImage(Tokens.ADMIN, unique("iso"), "iso", "file:///data/cd.iso", bs,
                false);
        as(Tokens.ADMIN).get("/v1/images/" + iso.getString("resourceId")).then().body("status", is("Ready"))
                .body("format", is("iso"));
    }

    @Test
    void aDeclaredFormatThatDoesNotMatchIsAnErrorAndLeavesNoFile() {
        JsonPath job = StorageFixtures.importImage(Tokens.ADMIN, unique("bad"), "raw", "/data/disk.qcow2", bs, true);
        assertEquals("RolledBack", job.getString("state"));
        assertTrue(job.getString("error").contains("declared as raw but its content is qcow2"), job.getString("error"));
        as(Tokens.ADMIN).get("/v1/images/" + job.getString("resourceId")).then().body("status", is("Error"))
                .body("statusReason", containsString("declared as raw"));
        assertEquals(List.of(), List.copyOf(simulator.files(bsAddress)));
    }

    @Test
    void aFailedDownloadIsAnErrorWithTheReason() {
        simulator.failNext(bsAddress, SimulatorAction.BS_IMPORT, "simulated: source unreachable");
        JsonPath job = StorageFixtures.importImage(Tokens.ADMIN, unique("f"), "qcow2", "/data/x.qcow2", bs, true);
        assertEquals("RolledBack", job.getString("state"));
        as(Tokens.ADMIN).get("/v1/images/" + job.getString("resourceId")).then().body("status", is("Error"))
                .body("statusReason", is("simulated: source unreachable"));
        assertTrue(simulator.files(bsAddress).isEmpty());
    }

    @Test
    void uploadStreamsTheBodyAndAWrongFormatKeepsNothing() {
        byte[] qcow2 = new byte[8192];
        qcow2[0] = 'Q';
        qcow2[1] = 'F';
        qcow2[2] = 'I';
        qcow2[3] = (byte) 0xfb;
        ByteBuffer.wrap(qcow2, 24, 8).putLong(1 << 20);
        String name = unique("up");
        String id = as(Tokens.ALICE).contentType(ContentType.BINARY).body(qcow2).queryParam("name", name)
                .queryParam("format", "qcow2").post("/v1/images/upload").then().statusCode(201)
                .header("Location", containsString("/v1/images/")).body("status", is("Ready"))
                .body("format", is("qcow2")).body("sizeBytes", is(8192)).body("virtualSizeBytes", is(1 << 20))
                .body("shared", is(false)).body("path", nullValue()).extract().path("id");
        assertTrue(simulator.files(bsAddress).stream().anyMatch(p -> p.contains(id)) || otherStoreHas(id));
        as(Tokens.ALICE).contentType(ContentType.BINARY).body(qcow2).queryParam("name", unique("up"))
                .queryParam("format", "iso").queryParam("backupStorageId", bs).post("/v1/images/upload").then()
                .statusCode(422).body("code", is("error_upload_failed"))
                .body("detail", containsString("declared as iso but its content is qcow2"));
        as(Tokens.ALICE).queryParam("q", "up-").get("/v1/images").then().body("items.status", not(hasItem("Error")));
    }

    private boolean otherStoreHas(String imageId) {
        // the upload may have picked another connected simulator store (the one with the most space)
        return as(Tokens.ADMIN).get("/v1/images/" + imageId).then().extract().path("path") != null;
    }

    @Test
    void validationRejectsEachBadFieldAndWritesNothing() {
        long before = as(Tokens.ADMIN).get("/v1/backup-storage").then().extract().jsonPath().getLong("total");
        as(Tokens.ADMIN).body(Map.of("name", "bad name", "type", "SFTP", "address", "10.61.0.11", "rootPath",
                "/srv/../etc")).post("/v1/backup-storage").then().statusCode(400)
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("username"))
                .body("errors.field", hasItem("password")).body("errors.field", hasItem("rootPath"))
                .body("errors.find { it.field == 'rootPath' }.code", is("error_path_format"));
        as(Tokens.ADMIN).body(Map.of("name", unique("x"), "type", "Simulator", "address", "a.example", "rootPath",
                "relative/path")).post("/v1/backup-storage").then().statusCode(400)
                .body("errors[0].field", is("rootPath"));
        as(Tokens.ADMIN).body(Map.of("name", unique("x"), "type", "Floppy", "address", "a.example", "rootPath",
                "/srv")).post("/v1/backup-storage").then().statusCode(400).body("errors[0].field", is("type"));
        String dup = as(Tokens.ADMIN).get("/v1/backup-storage/" + bs).then().extract().path("name");
        as(Tokens.ADMIN).body(Map.of("name", dup, "type", "Simulator", "address", "b.example", "rootPath", "/srv"))
                .post("/v1/backup-storage").then().statusCode(400).body("errors[0].field", is("name"))
                .body("errors[0].code", is("error_name_taken"));
        assertEquals(before, as(Tokens.ADMIN).get("/v1/backup-storage").then().extract().jsonPath().getLong("total"));

        as(Tokens.ADMIN).body(Map.of("name", unique("i"), "format", "qcow2", "url", "/data/../etc/shadow",
                "backupStorageId", bs)).post("/v1/images").then().statusCode(400)
                .body("errors[0].field", is("url"));
        as(Tokens.ADMIN).body(Map.of("name", unique("i"), "format", "qcow2", "url", "https://example.org/x.qcow2",
                "backupStorageId", bs)).post("/v1/images").then().statusCode(400)
                .body("errors[0].code", is("error_url_http_disabled"));
        as(Tokens.ADMIN).body(Map.of("name", unique("i"), "format", "vmdk", "url", "/data/x.qcow2",
                "backupStorageId", "00000000-0000-0000-0000-00000000dead")).post("/v1/images").then()
                .statusCode(400).body("errors.field", hasItem("format"))
                .body("errors.find { it.field == 'backupStorageId' }.code", is("error_unknown_backup_storage"));
        as(Tokens.ALICE).body(Map.of("name", unique("i"), "format", "qcow2", "url", "/data/x.qcow2", "shared", true))
                .post("/v1/images").then().statusCode(400).body("errors.field", hasItem("shared"));

        List<String> inv = StorageFixtures.simulatorCluster(0);
        as(Tokens.ADMIN).body(Map.of("zoneId", inv.get(0), "name", unique("p"), "path", "/var/lib/../x"))
                .post("/v1/primary-storage").then().statusCode(400).body("errors[0].field", is("path"));
    }

    @Test
    void tenantsSeeSharedImagesAndTheirOwnButNotOthers() {
        String aliceImage = StorageFixtures.uploadImage(Tokens.ALICE, unique("alice"), bs);
        JsonPath shared = StorageFixtures.importImage(Tokens.ADMIN, unique("pub"), "raw", "/data/pub.img", bs, true);
        String sharedImage = shared.getString("resourceId");
        as(Tokens.BOB).get("/v1/images/" + aliceImage).then().statusCode(404);
        as(Tokens.BOB).delete("/v1/images/" + aliceImage).then().statusCode(404);
        as(Tokens.BOB).get("/v1/images/" + sharedImage).then().statusCode(200).body("path", nullValue())
                .body("backupStorageId", nullValue());
        as(Tokens.BOB).delete("/v1/images/" + sharedImage).then().statusCode(403);
        List<String> bobSees = as(Tokens.BOB).queryParam("size", "200").get("/v1/images").then().extract()
                .jsonPath().getList("items.id");
        assertTrue(bobSees.contains(sharedImage));
        assertFalse(bobSees.contains(aliceImage));
        as(Tokens.ALICE).get("/v1/images/" + aliceImage).then().statusCode(200);
    }

    @Test
    void attachPreparesEveryHostAndTheCacheCopiesOnceForConcurrentCallers() throws Exception {
        List<String> inv = StorageFixtures.simulatorCluster(2);
        String ps = StorageFixtures.localStorage(inv.get(0), "/var/lib/nubis/sim-" + unique("ps"));
        JsonPath attach = StorageFixtures.attach(ps, inv.get(1));
        assertEquals("Succeeded", attach.getString("state"), attach.prettify());
        as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).then().body("clusters[0].status", is("Attached"))
                .body("hosts.size()", is(2)).body("hosts[0].totalBytes", is(1099511627776L))
                .body("totalBytes", is(2 * 1099511627776L));
        String host = inv.get(2);
        assertEquals(ps, primaryStorage.idForCluster(inv.get(1), host));

        String image = StorageFixtures.importImage(Tokens.ADMIN, unique("c"), "qcow2", "/data/c.qcow2", bs, true)
                .getString("resourceId");
        String hostAddress = as(Tokens.ADMIN).get("/v1/hosts/" + host).then().extract().path("address");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CachedImage>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Callable<CachedImage> call = () -> {
                    go.await();
                    return caches.ensureCached(ps, host, image);
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            int copied = 0;
            for (Future<CachedImage> f : results) {
                CachedImage c = f.get();
                assertTrue(c.path().endsWith("/images/" + image + ".qcow2"), c.path());
                copied += c.copied() ? 1 : 0;
            }
            assertEquals(1, copied, "exactly one caller copies");
            assertEquals(1, simulator.imageCopies(hostAddress), "one copy reached the host");
        } finally {
            pool.shutdownNow();
        }
        assertFalse(caches.ensureCached(ps, host, image).copied());
        assertEquals(1, simulator.imageCopies(hostAddress));
    }

    @Test
    void rootVolumeReservesCapacityAndDeleteGivesItBack() throws Exception {
        List<String> inv = StorageFixtures.simulatorCluster(1);
        String host = inv.get(2);
        String ps = StorageFixtures.localStorage(inv.get(0), "/var/lib/nubis/sim-" + unique("ps"));
        assertEquals("Succeeded", StorageFixtures.attach(ps, inv.get(1)).getString("state"));
        String hostAddress = as(Tokens.ADMIN).get("/v1/hosts/" + host).then().extract().path("address");
        String image = StorageFixtures.uploadImage(Tokens.ALICE, unique("v"), bs);
        String aliceAccount = as(Tokens.ALICE).get("/v1/images/" + image).then().extract().path("accountId");
        Caller alice = new Caller(null, "alice", aliceAccount, "acme", false);
        long before = capacity.available(ps, host);
        String vm = java.util.UUID.randomUUID().toString();

        VolumeView v = volumes.createRootVolume(alice, vm, ps, host, image, 0);
        assertEquals("Ready", v.status().name());
        assertEquals(1L << 20, v.sizeBytes());
        String path = "/var/lib/nubis/" + v.path().substring("/var/lib/nubis/".length());
        assertTrue(simulator.files(hostAddress).contains(path), simulator.files(hostAddress).toString());
        long imageSize = as(Tokens.ADMIN).get("/v1/images/" + image).then().extract().jsonPath()
                .getLong("sizeBytes");
        assertEquals(before - (1L << 20) - imageSize, capacity.available(ps, host));
        assertEquals(v.id(), volumes.createRootVolume(alice, vm, ps, host, image, 0).id(), "idempotent per VM");

        as(Tokens.ALICE).get("/v1/volumes/" + v.id()).then().statusCode(200).body("vmId", is(vm))
                .body("path", nullValue());
        as(Tokens.BOB).get("/v1/volumes/" + v.id()).then().statusCode(404);
        assertFalse(as(Tokens.BOB).queryParam("size", "200").get("/v1/volumes").then().extract().jsonPath()
                .getList("items.id").contains(v.id()));
        as(Tokens.ADMIN).get("/v1/volumes/" + v.id()).then().body("path", is(v.path())).body("hostId", is(host));

        as(Tokens.ALICE).delete("/v1/images/" + image).then().statusCode(409).body("code", is("error_image_in_use"));

        volumes.deleteVolume(v.id());
        volumes.deleteVolume(v.id());
        assertFalse(simulator.files(hostAddress).contains(v.path()));
        assertEquals(before - imageSize, capacity.available(ps, host));
        as(Tokens.ALICE).get("/v1/volumes/" + v.id()).then().statusCode(404);

        String del = as(Tokens.ALICE).delete("/v1/images/" + image).then().statusCode(202).extract().path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(del).getString("state"));
        assertEquals(before, capacity.available(ps, host), "the cached copy's space came back");
        assertTrue(simulator.files(hostAddress).isEmpty(), simulator.files(hostAddress).toString());
        as(Tokens.ALICE).get("/v1/images/" + image).then().statusCode(404);
    }

    @Test
    void aFailureInEachStepLeavesNothingBehind() throws Exception {
        List<String> inv = StorageFixtures.simulatorCluster(2);
        String host1 = inv.get(2);
        String host2 = inv.get(3);
        String addr2 = as(Tokens.ADMIN).get("/v1/hosts/" + host2).then().extract().path("address");
        String ps = StorageFixtures.localStorage(inv.get(0), "/var/lib/nubis/sim-" + unique("ps"));

        simulator.failNext(addr2, SimulatorAction.PREPARE_STORAGE, "simulated: read-only file system");
        JsonPath failed = StorageFixtures.attach(ps, inv.get(1));
        assertEquals("RolledBack", failed.getString("state"));
        assertTrue(failed.getString("error").contains("read-only"), failed.getString("error"));
        as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).then().body("clusters.size()", is(0))
                .body("hosts.size()", is(0));
        assertThrows(NoPrimaryStorageException.class, () -> primaryStorage.idForCluster(inv.get(1), host1));

        assertEquals("Succeeded", StorageFixtures.attach(ps, inv.get(1)).getString("state"));
        String addr1 = as(Tokens.ADMIN).get("/v1/hosts/" + host1).then().extract().path("address");
        String image = StorageFixtures.importImage(Tokens.ADMIN, unique("f"), "qcow2", "/data/f.qcow2", bs, true)
                .getString("resourceId");
        long before = capacity.available(ps, host1);
        String vm = java.util.UUID.randomUUID().toString();

        simulator.failNext(addr1, SimulatorAction.CACHE_IMAGE, "simulated: copy broke off");
        DriverException copy = assertThrows(DriverException.class,
                () -> volumes.createRootVolume(Caller.system(), vm, ps, host1, image, 0));
        assertEquals("simulated: copy broke off", copy.getMessage());
        assertEquals(before, capacity.available(ps, host1));
        assertTrue(simulator.files(addr1).isEmpty());
        as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").then().body("total", is(0));

        simulator.failNext(bsAddress, SimulatorAction.BS_OPEN, "simulated: backup storage gone");
        assertThrows(DriverException.class, () -> caches.ensureCached(ps, host1, image));
        assertEquals(before, capacity.available(ps, host1));

        simulator.failNext(addr1, SimulatorAction.CREATE_VOLUME, "simulated: qemu-img failed");
        assertThrows(DriverException.class, () -> volumes.createRootVolume(Caller.system(), vm, ps, host1, image, 0));
        as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").then().body("total", is(0));
        long imageSize = as(Tokens.ADMIN).get("/v1/images/" + image).then().extract().jsonPath()
                .getLong("sizeBytes");
        assertEquals(before - imageSize, capacity.available(ps, host1), "only the (kept) cached copy is reserved");
        assertTrue(simulator.files(addr1).stream().noneMatch(p -> p.contains("/volumes/")));

        assertThrows(StorageFullException.class,
                () -> volumes.createRootVolume(Caller.system(), vm, ps, host1, image, before * 2));
        as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").then().body("total", is(0));
    }
}
