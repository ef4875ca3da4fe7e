package io.nubis.storage.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.storage.SharedStorageKvm;
import io.nubis.storage.StorageFixtures;
import io.nubis.testing.Api;
import io.nubis.testing.Jobs;
import io.nubis.testing.LiveMigrationProbe;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12: Ceph primary storage on the real test hosts: the single-node cluster of dev/testbed/ceph (cephx on), its
 * pool attached to a cluster of test hosts 1 and 2. The image is imported once into the pool as a protected snapshot;
 * each root volume is an RBD clone of it that qemu opens through librbd with the user's key from a libvirt secret; the
 * guest boots and gets its lease; a data volume in the pool is hot-plugged; a running guest moves live to the other
 * host; deleting leaves no image of it in the pool.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CephStorageKvmTest {

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;
    TestHost host1;
    TestHost host2;
    Map<String, TestHost> byHostId = new HashMap<>();
    VmFixtures.Cloud cloud;
    Path work;
    Map<String, String> ceph = new HashMap<>();
    String ps;
    String bridge;
    String subnet;

    @BeforeAll
    void buildTheCloud() throws Exception {
        io.restassured.RestAssured.port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        host1 = TestHosts.host(1);
        host2 = TestHosts.host(2);
        TestHosts.run(List.of("dev/testbed/ceph", "down")); // a fresh cluster: this class owns its pools
        ceph.putAll(SharedStorageKvm.serverUp("dev/testbed/ceph"));
        SharedStorageKvm.Base base = SharedStorageKvm.base("ceph");
        work = base.work();
        Path qcow2 = base.qcow2();
        String zone = base.zone();
        String cluster = base.cluster();
        String h1 = base.h1();
        String h2 = base.h2();
        byHostId.put(h1, host1);
        byHostId.put(h2, host2);

        // bad fields: one message on each, nothing made
        Map<String, String> bad = new HashMap<>(Map.of("zoneId", zone, "name", unique("bad"), "type", "Ceph",
                "monitors", "10.61.0.1;reboot,:99", "pool", "-rf", "cephUser", "client.a b", "cephKey",
                "AQ==not-a-key"));
        as(Tokens.ADMIN).body(bad).post("/v1/primary-storage").then().statusCode(400)
                .body("errors.field", hasItem("monitors")).body("errors.field", hasItem("pool"))
                .body("errors.field", hasItem("cephUser")).body("errors.field", hasItem("cephKey"));
        as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("bad"), "type", "Ceph")).post(
                "/v1/primary-storage").then().statusCode(400).body("errors.field", hasItem("monitors"))
                .body("errors.field", hasItem("cephKey"));

        ps = as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("ceph"), "type", "Ceph", "monitors",
                ceph.get("CEPH_MONITORS"), "pool", ceph.get("CEPH_POOL"), "cephUser", "client." + ceph.get(
                        "CEPH_USER"),
                "cephKey", ceph.get("CEPH_KEY"))).post("/v1/primary-storage").then().statusCode(201)
                .body("type", is("Ceph")).body("server", is(ceph.get("CEPH_MONITORS")))
                .body("path", is(ceph.get("CEPH_POOL"))).body("cephUser", is(ceph.get("CEPH_USER")))
                .body("cephKey", nullValue()).extract().path("id");
        try (java.sql.Connection c = db.getConnection();
                java.sql.PreparedStatement st = c.prepareStatement(
                        "SELECT secret_sealed FROM primary_storage WHERE id = ?")) {
            st.setString(1, ps);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                String stored = rs.getString(1);
                assertTrue(stored.startsWith("v1:") && !stored.contains(ceph.get("CEPH_KEY")), "stored sealed");
            }
            c.commit();
        }

        JsonPath attached = StorageFixtures.attach(ps, cluster);
        assertEquals("Succeeded", attached.getString("state"), attached.prettify());
        JsonPath view = as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).then().statusCode(200).extract().jsonPath();
        assertTrue(view.getLong("totalBytes") > 1L << 30, "the pool's size as Ceph reports it: " + view.prettify());
        assertEquals(2, view.getList("hosts").size(), "both hosts prepared");
        for (TestHost h : List.of(host1, host2)) {
            // the key is in a libvirt secret and a 0600 file, never on a command line
            assertTrue(TestHosts.enter(h, "virsh", "secret-list").contains("ceph"), "libvirt secret on " + h);
            assertEquals("600", TestHosts.enter(h, "sh", "-c", "stat -c %a /var/lib/nubis/ceph/*.key").strip());
        }

        SharedStorageKvm.Net net = SharedStorageKvm.flatCloud(zone, cluster, List.of(h1, h2), work, qcow2, 79);
        cloud = net.cloud();
        bridge = net.bridge();
        subnet = net.subnet();
    }

    /**
     * VMs on both hosts boot from clones of one imported image and get their leases; a data volume in the pool is
     * hot-plugged; it gets an RBD snapshot while the guest runs, a volume copied from it and, stopped, a revert; a
     * running guest with its data volume moves live to the other host while it is pinged; after the deletes no image of
     * theirs is left in the pool.
     */
    @Test
    void vmsBootFromRbdClonesTakeADataVolumeMoveLiveAndLeaveNothing() {
        String image = cloud.image();
        List<String> vms = new ArrayList<>();
        Map<String, String> hostOf = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("rbd-vm")));
            assertEquals("Succeeded", job.getString("state"), job.prettify());
            String vm = job.getString("resourceId");
            vms.add(vm);
            hostOf.put(vm, as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).path("hostId"));
        }
        String cached = "images-" + image + ".qcow2";
        List<String> pool = rbdList();
        assertEquals(1, pool.stream().filter(i -> i.startsWith("images-" + image)).count(), "one copy: " + pool);
        assertTrue(pool.contains(cached), pool.toString());
        assertTrue(rbd("snap", "ls", ceph.get("CEPH_POOL") + "/" + cached).contains("nubis-base"));

        for (String vm : vms) {
            TestHost host = byHostId.get(hostOf.get(vm));
            String ip = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Running")).extract()
                    .path("nics[0].ip");
            String root = as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").path("items[0].path");
            String volumeId = root.substring(root.lastIndexOf('/') + 1, root.length() - ".raw".length());
            assertEquals("rbd://" + ceph.get("CEPH_USER") + "@" + ceph.get("CEPH_MONITORS") + "/"
                    + ceph.get("CEPH_POOL") + "/volumes/" + volumeId + ".raw", root);
            String info = rbd("info", ceph.get("CEPH_POOL") + "/volumes-" + volumeId + ".raw");
            assertTrue(info.contains("parent: " + ceph.get("CEPH_POOL") + "/" + cached + "@nubis-base"),
                    "a clone of the cached image: " + info);
            String xml = TestHosts.enter(host, "virsh", "dumpxml", "nubis-" + vm);
            assertTrue(xml.contains("protocol='rbd'") && xml.contains("volumes-" + volumeId + ".raw")
                    && xml.contains("<secret type='ceph'"), "qemu opens it through librbd: " + xml);
            SharedStorageKvm.awaitGuestIp(host, vm, ip);
        }

        String vm = vms.get(0);
        JsonPath accepted = as(Tokens.ALICE).body(Map.of("name", "data", "sizeGib", 1))
                .post("/v1/vm-instances/" + vm + "/volumes").then().statusCode(202).extract().jsonPath();
        JsonPath plugged = Jobs.awaitFinal(accepted.getString("jobId"));
        assertEquals("Succeeded", plugged.getString("state"), plugged.prettify());
        String dataId = accepted.getString("resource.id");
        assertTrue(rbdList().contains("volumes-" + dataId + ".raw"), "the data volume is in the pool");
        TestHost source = byHostId.get(hostOf.get(vm));
        assertTrue(TestHosts.enter(source, "virsh", "domblklist", "nubis-" + vm).contains("vdb"),
                "the guest got the disk");
        // an RBD snapshot of the data volume while the guest runs, and a new volume from it (a standalone copy)
        JsonPath taken = as(Tokens.ALICE).body(Map.of("name", "s1")).post("/v1/volumes/" + dataId + "/snapshots")
                .then().statusCode(202).extract().jsonPath();
        JsonPath snap = Jobs.awaitFinal(taken.getString("jobId"));
        assertEquals("Succeeded", snap.getString("state"), snap.prettify());
        String snapshot = taken.getString("resource.id");
        String dataImage = ceph.get("CEPH_POOL") + "/volumes-" + dataId + ".raw";
        assertTrue(rbd("snap", "ls", dataImage).contains(snapshot), "an RBD snapshot of the volume");
        String copyName = unique("copy");
        JsonPath copying = as(Tokens.ALICE).body(Map.of("name", copyName)).post("/v1/volume-snapshots/" + snapshot
                + "/volumes").then().statusCode(202).extract().jsonPath();
        JsonPath copied = Jobs.awaitFinal(copying.getString("jobId"));
        assertEquals("Succeeded", copied.getString("state"), copied.prettify());
        String copyId = as(Tokens.ALICE).queryParam("size", 100).get("/v1/volumes").then().extract().jsonPath()
                .getString("items.find { it.name == '" + copyName + "' }.id");
        String copyInfo = rbd("info", ceph.get("CEPH_POOL") + "/volumes-" + copyId + ".raw");
        assertFalse(copyInfo.contains("parent:"), "a standalone copy: " + copyInfo);

        String target = cloud.hosts().stream().filter(h -> !h.equals(hostOf.get(vm))).findFirst().orElseThrow();
        String ip = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("nics[0].ip");
        LiveMigrationProbe.Result r = LiveMigrationProbe.migrateWhilePinging(vm, ip, subnet, bridge, source,
                byHostId.get(target), target);
        System.out.printf("Ceph live migration: job %d ms, %d of %d pings lost%n", r.jobMillis(), r.lost(),
                r.sent());
        assertTrue(TestHosts.enter(byHostId.get(target), "virsh", "domblklist", "nubis-" + vm).contains("vdb"),
                "the data volume moved with it");

        // revert needs the VM stopped: then the volume is rolled back to the snapshot
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).queryParam("force", true)
                .post("/v1/vm-instances/" + vm + "/stop").then().statusCode(202).extract().path("jobId"))
                .getString("state"));
        JsonPath reverted = Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/volume-snapshots/" + snapshot + "/revert")
                .then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", reverted.getString("state"), reverted.prettify());

        for (String v : vms) {
            assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + v).then()
                    .statusCode(202).extract().path("jobId")).getString("state"));
        }
        for (String volume : List.of(dataId, copyId)) {
            String deleting = as(Tokens.ALICE).delete("/v1/volumes/" + volume).then()
                    .statusCode(org.hamcrest.Matchers.oneOf(202, 204)).extract().path("jobId");
            if (deleting != null) {
                assertEquals("Succeeded", Jobs.awaitFinal(deleting).getString("state"));
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> rbdList().stream().noneMatch(i -> i.startsWith("volumes-")));
    }

    /**
     * The monitor stops: a VM create fails within seconds with a message and leaves nothing in the pool; once the
     * monitor is back, the next create works without any restart.
     */
    @Test
    void aCephClusterThatIsDownFailsTheCreateCleanlyAndOnceBackAllWorksAgain() {
        List<String> before = rbdList();
        TestHosts.run(List.of("dev/testbed/ceph", "pause"));
        try {
            long t0 = System.nanoTime();
            JsonPath failed = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("down")));
            long took = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("create with the Ceph monitor down: %s after %d ms: %s%n", failed.getString("state"),
                    took, failed.getString("error"));
            assertEquals("RolledBack", failed.getString("state"), failed.prettify());
            assertTrue(took < 90_000, "it fails fast: " + took + " ms");
            assertTrue(failed.getString("error") != null && !failed.getString("error").isBlank(), failed.prettify());
        } finally {
            TestHosts.run(List.of("dev/testbed/ceph", "resume"));
        }
        assertEquals(before, rbdList(), "no volume from the failed create");
        JsonPath again = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("back")));
        assertEquals("Succeeded", again.getString("state"), again.prettify());
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/"
                + again.getString("resourceId")).then().statusCode(202).extract().path("jobId")).getString("state"));
    }

    /**
     * Ceph backup storage (gateway: test host 1 over SSH): images imported by path are stored byte for byte in its pool
     * with a protected snapshot; a raw one reaches the Ceph primary storage of the same cluster as an RBD clone (no
     * copy), a qcow2 one is streamed out of the pool and converted; VMs of both boot and get their leases; deleting the
     * images empties the pool. A backup storage on the primary storage's pool is refused.
     */
    @Test
    void cephBackupStorageKeepsImagesInItsPoolAndRawOnesAreClonedNotCopied() throws Exception {
        Path raw = work.resolve("src/guest.raw");
        Files.copy(Path.of(TestHosts.run(List.of("dev/testbed/guest-image", "path", "raw")).strip()), raw);
        Map<String, Object> body = new HashMap<>(Map.of("name", unique("cephbs"), "type", "Ceph", "address",
                host1.ip(), "port", host1.sshPort(), "username", host1.user(), "password", host1.password(),
                "monitors", ceph.get("CEPH_MONITORS"), "pool", ceph.get("CEPH_POOL"), "cephUser",
                ceph.get("CEPH_USER"), "cephKey", ceph.get("CEPH_KEY")));
        body.put("importFolders", List.of(work.resolve("src").toString()));
        as(Tokens.ADMIN).body(body).post("/v1/backup-storage").then().statusCode(400)
                .body("errors.field", hasItem("pool"));
        body.put("pool", ceph.get("CEPH_IMAGE_POOL"));
        JsonPath added = Jobs.awaitFinal(as(Tokens.ADMIN).body(body).post("/v1/backup-storage").then().statusCode(202)
                .extract().path("jobId"));
        assertEquals("Succeeded", added.getString("state"), added.prettify());
        String bs = added.getString("resourceId");
        as(Tokens.ADMIN).get("/v1/backup-storage/" + bs).then().body("status", is("Connected"));

        JsonPath rawImage = StorageFixtures.importImage(Tokens.ADMIN, unique("raw"), "raw", raw.toString(), bs, true);
        assertEquals("Succeeded", rawImage.getString("state"), rawImage.prettify());
        String rawId = rawImage.getString("resourceId");
        JsonPath qcowImage = StorageFixtures.importImage(Tokens.ADMIN, unique("q"), "qcow2",
                work.resolve("src/guest.qcow2").toString(), bs, true);
        assertEquals("Succeeded", qcowImage.getString("state"), qcowImage.prettify());
        String qcowId = qcowImage.getString("resourceId");
        String imagePool = ceph.get("CEPH_IMAGE_POOL");
        List<String> stored = rbd("ls", imagePool).lines().map(String::strip).toList();
        assertTrue(stored.contains("images-" + rawId + ".raw") && stored.contains("images-" + qcowId + ".qcow2"),
                stored.toString());
        String sha = TestHosts.run(List.of("sha256sum", raw.toString())).split(" ")[0];
        assertEquals(sha, as(Tokens.ADMIN).get("/v1/images/" + rawId).path("sha256"), "the file's bytes, unchanged");
        assertTrue(rbd("snap", "ls", imagePool + "/images-" + rawId + ".raw").contains("nubis-base"));

        List<String> vms = new ArrayList<>();
        for (String image : List.of(rawId, qcowId)) {
            VmFixtures.Cloud c = new VmFixtures.Cloud(cloud.zone(), cloud.cluster(), cloud.hosts(),
                    cloud.hostAddresses(), image, cloud.l3(), cloud.offering());
            JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("bsvm")));
            assertEquals("Succeeded", job.getString("state"), job.prettify());
            String vm = job.getString("resourceId");
            vms.add(vm);
            String ip = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("nics[0].ip");
            SharedStorageKvm.awaitGuestIp(byHostId.get(as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).path("hostId")),
                    vm, ip);
        }
        String cachedRaw = rbd("info", ceph.get("CEPH_POOL") + "/images-" + rawId + ".raw");
        assertTrue(cachedRaw.contains("parent: " + imagePool + "/images-" + rawId + ".raw@nubis-base"),
                "the raw image was cloned from the backup storage's pool: " + cachedRaw);
        String cachedQcow = rbd("info", ceph.get("CEPH_POOL") + "/images-" + qcowId + ".qcow2");
        assertFalse(cachedQcow.contains("parent:"), "the qcow2 image was copied and converted: " + cachedQcow);

        for (String v : vms) {
            assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + v).then()
                    .statusCode(202).extract().path("jobId")).getString("state"));
        }
        JsonPath cleaned = Jobs.awaitFinal(as(Tokens.ADMIN).post("/v1/primary-storage/" + ps
                + "/image-cache/cleanup").then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", cleaned.getString("state"), cleaned.prettify());
        for (String image : List.of(rawId, qcowId)) {
            String job = as(Tokens.ADMIN).delete("/v1/images/" + image).then().extract().path("jobId");
            if (job != null) {
                assertEquals("Succeeded", Jobs.awaitFinal(job).getString("state"));
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> rbd("ls", imagePool).isBlank());
    }

    private List<String> rbdList() {
        return rbd("ls", ceph.get("CEPH_POOL")).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private String rbd(String... args) {
        List<String> argv = new ArrayList<>(List.of("rbd", "-c", ceph.get("CEPH_CONF")));
        argv.addAll(List.of(args));
        return TestHosts.run(argv);
    }

    /**
     * Detaching the pool from the cluster (its volumes are gone by now) removes the key file, the conf and the libvirt
     * secret from both hosts; then the hosts and the storage go.
     */
    @AfterAll
    void cleanUp() throws Exception {
        try {
            String job = as(Tokens.ADMIN).delete("/v1/primary-storage/" + ps + "/clusters/" + cloud.cluster()).then()
                    .statusCode(202).extract().path("jobId");
            assertEquals("Succeeded", Jobs.awaitFinal(job).getString("state"));
            for (TestHost h : List.of(host1, host2)) {
                assertFalse(TestHosts.enter(h, "virsh", "secret-list").contains("ceph"), "no libvirt secret on " + h);
            }
            // host 2 keeps nothing; host 1 is also the Ceph backup storage's gateway: it keeps the key it reads
            assertEquals("", TestHosts.enter(host2, "sh", "-c", "ls /var/lib/nubis/ceph/ 2>/dev/null || true").strip());
            assertTrue(TestHosts.enter(host1, "sh", "-c", "ls /var/lib/nubis/ceph/").contains(".key"));
        } finally {
            SharedStorageKvm.cleanUp(byHostId.keySet(), ps, work);
        }
    }
}
