package io.nubis.storage.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12: NFS primary storage on the real test hosts, in network mode (this kernel has no NFS client): the export of
 * dev/testbed/nfs (nfs-ganesha on the hosts' management bridge), attached to a cluster of test hosts 1 and 2. A VM's
 * root volume is a qcow2 linked clone on the export, of one cached copy of the image shared by both hosts; qemu opens
 * it over NFS; the guest boots and gets its lease; a data volume on the export is hot-plugged; destroy removes the
 * files from the export.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NfsStorageKvmTest {

    TestHost host1;
    TestHost host2;
    Map<String, TestHost> byHostId = new HashMap<>();
    VmFixtures.Cloud cloud;
    Path work;
    /** The folder of the export this class uses, as the NFS server's file system has it. */
    Path folder;
    String ps;

    @BeforeAll
    void buildTheCloud() throws Exception {
        io.restassured.RestAssured.port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        host1 = TestHosts.host(1);
        host2 = TestHosts.host(2);
        Map<String, String> nfs = SharedStorageKvm.serverUp("dev/testbed/nfs");
        // the admin makes a folder for the cloud on the server (as on a NAS)
        folder = Path.of(nfs.get("NFS_EXPORT"), unique("nfs-ps"));
        Files.createDirectories(folder);
        SharedStorageKvm.Base base = SharedStorageKvm.base("nfs");
        work = base.work();
        Path qcow2 = base.qcow2();
        String zone = base.zone();
        String cluster = base.cluster();
        String h1 = base.h1();
        String h2 = base.h2();
        byHostId.put(h1, host1);
        byHostId.put(h2, host2);
        for (String h : List.of(h1, h2)) {
            // found at connect: qemu's nfs driver and libnfs for python3 (the test hosts have no kernel NFS client)
            as(Tokens.ADMIN).get("/v1/hosts/" + h).then().body("nfsMode", is("network"));
        }

        // bad exports: one message on the field, nothing made
        for (String bad : List.of("10.61.0.1", "10.61.0.1:relative", "nfs://10.61.0.1", "host;reboot:/x",
                "10.61.0.1:/a/../b", "-o:/x")) {
            as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("bad"), "type", "NFS", "url", bad))
                    .post("/v1/primary-storage").then().statusCode(400).body("errors.field", hasItem("url"));
        }
        ps = as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("nfs"), "type", "NFS", "url",
                nfs.get("NFS_SERVER") + ":" + folder)).post("/v1/primary-storage").then().statusCode(201)
                .body("type", is("NFS")).body("server", is(nfs.get("NFS_SERVER")))
                .body("path", is(folder.toString())).extract().path("id");
        JsonPath attached = StorageFixtures.attach(ps, cluster);
        assertEquals("Succeeded", attached.getString("state"), attached.prettify());
        assertTrue(Files.isDirectory(folder.resolve("volumes")) && Files.isDirectory(folder.resolve("images")),
                "the hosts made the folders on the export");
        JsonPath view = as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).then().statusCode(200).extract().jsonPath();
        long total = view.getLong("totalBytes");
        assertEquals(Files.getFileStore(folder).getTotalSpace(), total, "the export's size, as the server has it");
        assertEquals(2, view.getList("hosts").size(), "both hosts prepared");

        SharedStorageKvm.Net net = SharedStorageKvm.flatCloud(zone, cluster, List.of(h1, h2), work, qcow2, 78);
        cloud = net.cloud();
        bridge = net.bridge();
        subnet = net.subnet();
    }

    String bridge;
    String subnet;

    /**
     * Live migration on NFS: a running guest moves to the other test host while a machine on its network pings it (the
     * two hosts' bridges of the flat network are joined by a veth pair, as a switch would join them); the domain then
     * runs on the other host only, the VM's host, lease and volumes follow, and the pings lost are counted.
     */
    @Test
    void aRunningGuestMovesLiveToTheOtherHostAndKeepsAnsweringPings() throws Exception {
        JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("mig")));
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        String vm = job.getString("resourceId");
        String source = as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).path("hostId");
        String target = cloud.hosts().stream().filter(h -> !h.equals(source)).findFirst().orElseThrow();
        TestHost from = byHostId.get(source);
        TestHost to = byHostId.get(target);
        String ip = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("nics[0].ip");
        SharedStorageKvm.awaitGuestIp(from, vm, ip);

        // refused: tenants, its own host, an unknown host
        as(Tokens.ALICE).body(Map.of("hostId", target)).post("/v1/vm-instances/" + vm + "/migrate").then()
                .statusCode(403);
        as(Tokens.ADMIN).body(Map.of("hostId", source)).post("/v1/vm-instances/" + vm + "/migrate").then()
                .statusCode(409);
        as(Tokens.ADMIN).body(Map.of()).post("/v1/vm-instances/" + vm + "/migrate").then().statusCode(400)
                .body("errors.field", hasItem("hostId"));

        LiveMigrationProbe.migrateWhilePinging(vm, ip, subnet, bridge, from, to, target);
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then()
                .statusCode(202).extract().path("jobId")).getString("state"));
    }

    /**
     * The NFS server stops: a VM create fails fast with a message for people and leaves nothing (no VM, no volume
     * file); once the server is back, the next create works without any restart.
     */
    @Test
    void anNfsServerThatIsDownFailsTheCreateCleanlyAndOnceBackAllWorksAgain() throws Exception {
        // the image is in the export's cache already (another VM made it), so the create reaches the export itself
        JsonPath warm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("warm")));
        assertEquals("Succeeded", warm.getString("state"), warm.prettify());
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/"
                + warm.getString("resourceId")).then().statusCode(202).extract().path("jobId")).getString("state"));
        TestHosts.run(List.of("dev/testbed/nfs", "down"));
        try {
            long t0 = System.nanoTime();
            JsonPath failed = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("down")));
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("RolledBack", failed.getString("state"), failed.prettify());
            assertTrue(took < 60_000, "it fails fast: " + took + " ms");
            assertTrue(failed.getString("error") != null && !failed.getString("error").isBlank(), failed.prettify());
            System.out.printf("create with the NFS server down: %s after %d ms: %s%n", failed.getString("state"),
                    took, failed.getString("error"));
        } finally {
            TestHosts.run(List.of("dev/testbed/nfs", "up"));
        }
        try (Stream<Path> left = Files.list(folder.resolve("volumes"))) {
            assertFalse(left.findAny().isPresent(), "no volume file from the failed create");
        }
        JsonPath again = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("back")));
        assertEquals("Succeeded", again.getString("state"), again.prettify());
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/"
                + again.getString("resourceId")).then().statusCode(202).extract().path("jobId")).getString("state"));
    }

    /** Host maintenance evacuates: two running guests on one test host both move live to the other. */
    @Test
    void maintenanceOnAHostWithTwoVmsMovesBoth() {
        List<String> vms = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("ev")));
            assertEquals("Succeeded", job.getString("state"), job.prettify());
            vms.add(job.getString("resourceId"));
        }
        String host = as(Tokens.ADMIN).get("/v1/vm-instances/" + vms.get(0)).path("hostId");
        String other = cloud.hosts().stream().filter(h -> !h.equals(host)).findFirst().orElseThrow();
        if (!host.equals(as(Tokens.ADMIN).get("/v1/vm-instances/" + vms.get(1)).path("hostId"))) {
            JsonPath moved = Jobs.awaitFinal(as(Tokens.ADMIN).body(Map.of("hostId", host))
                    .post("/v1/vm-instances/" + vms.get(1) + "/migrate").then().statusCode(202).extract()
                    .path("jobId"));
            assertEquals("Succeeded", moved.getString("state"), moved.prettify());
        }
        try {
            JsonPath end = Jobs.awaitFinal(as(Tokens.ADMIN).post("/v1/hosts/" + host + "/maintenance").then()
                    .statusCode(202).extract().path("jobId"), Duration.ofMinutes(5));
            assertEquals("Succeeded", end.getString("state"), end.prettify());
            as(Tokens.ADMIN).get("/v1/hosts/" + host).then().body("state", is("Maintenance"));
            for (String vm : vms) {
                as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).then().body("hostId", is(other))
                        .body("state", is("Running"));
                assertEquals("running", TestHosts.enter(byHostId.get(other), "virsh", "domstate", "nubis-" + vm)
                        .strip());
                assertFalse(TestHosts.enter(byHostId.get(host), "virsh", "list", "--all", "--name").contains(vm));
            }
        } finally {
            as(Tokens.ADMIN).post("/v1/hosts/" + host + "/enable").then().statusCode(200);
        }
        for (String vm : vms) {
            assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then()
                    .statusCode(202).extract().path("jobId")).getString("state"));
        }
    }

    @Test
    void vmsOfBothHostsBootFromTheExportAndLeaveNothingOnIt() throws Exception {
        String image = cloud.image();
        List<String> vms = new java.util.ArrayList<>();
        Map<String, String> hostOf = new HashMap<>();
        // two VMs: the allocator spreads them; whichever hosts they land on share one cached copy of the image
        for (int i = 0; i < 2; i++) {
            JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("nfs-vm")));
            assertEquals("Succeeded", job.getString("state"), job.prettify());
            String vm = job.getString("resourceId");
            vms.add(vm);
            hostOf.put(vm, as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).path("hostId"));
        }
        try (Stream<Path> cached = Files.list(folder.resolve("images"))) {
            assertEquals(List.of(image + ".qcow2"), cached.map(p -> p.getFileName().toString()).toList(),
                    "one cached copy on the export for every host");
        }
        for (String vm : vms) {
            TestHost host = byHostId.get(hostOf.get(vm));
            String ip = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Running")).extract()
                    .path("nics[0].ip");
            String root = as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").path("items[0].path");
            String volumeId = root.substring(root.lastIndexOf('/') + 1, root.length() - ".qcow2".length());
            assertEquals("nfs://10.61.0.1" + folder + "/volumes/" + volumeId + ".qcow2", root);
            assertTrue(Files.exists(folder.resolve("volumes/" + volumeId + ".qcow2")),
                    "the root volume is on the export");
            String xml = TestHosts.enter(host, "virsh", "dumpxml", "nubis-" + vm);
            assertTrue(xml.contains("protocol='nfs'") && xml.contains(folder + "/volumes/" + volumeId + ".qcow2"),
                    "qemu opens it over NFS: " + xml);
            SharedStorageKvm.awaitGuestIp(host, vm, ip);
        }

        // a data volume on the export, hot-plugged into the running guest
        String vm = vms.get(0);
        TestHost host = byHostId.get(hostOf.get(vm));
        JsonPath accepted = as(Tokens.ALICE).body(Map.of("name", "data", "sizeGib", 1))
                .post("/v1/vm-instances/" + vm + "/volumes").then().statusCode(202).extract().jsonPath();
        JsonPath plugged = Jobs.awaitFinal(accepted.getString("jobId"));
        assertEquals("Succeeded", plugged.getString("state"), plugged.prettify());
        String dataPath = as(Tokens.ADMIN).get("/v1/volumes/" + accepted.getString("resource.id")).path("path");
        assertTrue(dataPath.startsWith("nfs://10.61.0.1" + folder + "/volumes/"), dataPath);
        assertTrue(TestHosts.enter(host, "virsh", "domblklist", "nubis-" + vm).contains("vdb"),
                "the guest got the disk");

        for (String v : vms) {
            assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + v).then()
                    .statusCode(202).extract().path("jobId")).getString("state"));
        }
        String dataId = accepted.getString("resource.id");
        as(Tokens.ALICE).delete("/v1/volumes/" + dataId).then().statusCode(org.hamcrest.Matchers.oneOf(202, 204));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Stream<Path> left = Files.list(folder.resolve("volumes"))) {
                return left.findAny().isEmpty();
            }
        });
        try (Stream<Path> left = Files.list(folder.resolve("volumes"))) {
            assertFalse(left.findAny().isPresent(), "no volume file left on the export");
        }
    }

    @AfterAll
    void cleanUp() throws Exception {
        SharedStorageKvm.cleanUp(byHostId.keySet(), ps, work);
        if (folder != null) {
            TestHosts.run(List.of("rm", "-rf", folder.toString()));
        }
    }
}
