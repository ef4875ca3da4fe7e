package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.job.JobFaultHook;
import io.nubis.job.Step;
import io.nubis.job.WorkflowRegistry;
import io.nubis.storage.SnapshotService;
import io.nubis.testing.Crashes;
import io.nubis.testing.Invariants;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, volume snapshots on simulated hosts: a tree per volume, revert (stopped VMs only), delete with the tree
 * kept, a new volume from a snapshot; their space counted on the host (also under 50 parallel requests); bad requests
 * refused with nothing written; a host failure or a crash after any step of the four snapshot jobs settled.
 */
@QuarkusTest
class SnapshotTest {

    static final long GIB = 1L << 30;

    @Inject
    SimulatorControl simulator;
    @Inject
    AgroalDataSource db;
    @Inject
    JobFaultHook faults;
    @Inject
    WorkflowRegistry workflows;

    @AfterEach
    void disarm() {
        faults.reset();
    }

    /** Takes a snapshot and waits for its job; returns the job's end and the snapshot's id. */
    static String[] take(String token, String volume, String name) {
        JsonPath a = as(token).body(Map.of("name", name)).post("/v1/volumes/" + volume + "/snapshots").then()
                .statusCode(202).body("resource.status", is("Creating")).extract().jsonPath();
        JsonPath end = Jobs.awaitFinal(a.getString("jobId"), Duration.ofSeconds(60));
        return new String[]{end.getString("state"), a.getString("resource.id")};
    }

    static String snap(String volume, String name) {
        String[] r = take(Tokens.ALICE, volume, name);
        assertEquals("Succeeded", r[0], name);
        return r[1];
    }

    static JsonPath end(io.restassured.response.Response accepted) {
        return Jobs.awaitFinal(accepted.then().statusCode(202).extract().path("jobId"), Duration.ofSeconds(60));
    }

    static List<Map<String, Object>> tree(String volume) {
        return as(Tokens.ALICE).get("/v1/volumes/" + volume + "/snapshots").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    static String names(String volume) {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> s : tree(volume)) {
            b.append("  ".repeat((Integer) s.get("depth"))).append(s.get("name"))
                    .append(Boolean.TRUE.equals(s.get("current")) ? "*" : "").append(';');
        }
        return b.toString();
    }

    long available(String hostId) throws Exception {
        return Invariants.availableStorage(db, hostId);
    }

    static void power(String vm, String action) {
        assertEquals("Succeeded",
                end(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/" + action)).getString("state"));
    }

    @Test
    void snapshotsFormATreeAndRevertDeleteAndCopy() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String host = c.hosts().get(0);
        String address = c.hostAddresses().get(0);
        String vm = DataVolumeTest.vm(c);
        String root = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().extract().path("rootVolumeId");
        long size = DataVolumeTest.volume(root).getLong("sizeBytes");
        String path = DataVolumeTest.volume(root).getString("path");
        long free = available(host);

        // running VM: crash-consistent snapshots; each reserves the volume's size
        String s1 = snap(root, "s1");
        String s2 = snap(root, "s2");
        assertEquals("s1;  s2*;", names(root));
        assertEquals(free - 2 * size, available(host));
        JsonPath two = as(Tokens.ALICE).get("/v1/volume-snapshots/" + s2).then().statusCode(200)
                .body("parentId", is(s1))
                .body("volumeId", is(root)).body("status", is("Ready")).extract().jsonPath();
        assertEquals(size, two.getLong("sizeBytes"));

        // revert needs a stopped VM
        as(Tokens.ALICE).post("/v1/volume-snapshots/" + s1 + "/revert").then().statusCode(409)
                .body("code", is("error_vm_state"));
        power(vm, "stop");
        assertEquals("Succeeded", end(as(Tokens.ALICE).post("/v1/volume-snapshots/" + s1 + "/revert")).getString(
                "state"));
        assertEquals("s1*;  s2;", names(root));
        String s3 = snap(root, "s3");
        assertEquals("s1;  s2;  s3*;", names(root));

        // deleting the middle of the tree keeps its children, now the roots
        assertEquals("Succeeded", end(as(Tokens.ALICE).delete("/v1/volume-snapshots/" + s1)).getString("state"));
        assertEquals("s2;s3*;", names(root));
        assertEquals(free - 2 * size, available(host));
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());

        // a new detached volume from a snapshot, of the volume's size
        JsonPath made = end(as(Tokens.ALICE).body(Map.of("name", "from-s2")).post("/v1/volume-snapshots/" + s2
                + "/volumes"));
        assertEquals("Succeeded", made.getString("state"), made.prettify());
        Map<String, Object> copy = as(Tokens.ALICE).queryParam("size", 100).get("/v1/volumes").then().extract()
                .jsonPath().getMap("items.find { it.name == 'from-s2' }");
        assertEquals("Ready", copy.get("status"));
        assertEquals("Data", copy.get("type"));
        assertNull(copy.get("vmId"));
        assertEquals(size, ((Number) copy.get("sizeBytes")).longValue());
        assertEquals(free - 3 * size, available(host));
        String copyPath = DataVolumeTest.volume((String) copy.get("id")).getString("path");
        assertTrue(simulator.files(address).contains(copyPath));

        // a grown volume reverted to an older snapshot takes its size back, and gives the difference back
        assertEquals("Succeeded", end(as(Tokens.ALICE).body(Map.of("sizeGib", (size / GIB) + 2))
                .post("/v1/vm-instances/" + vm + "/resize-root")).getString("state"));
        assertEquals(free - 3 * size - 2 * GIB, available(host));
        assertEquals("Succeeded", end(as(Tokens.ALICE).post("/v1/volume-snapshots/" + s3 + "/revert")).getString(
                "state"));
        assertEquals(size, DataVolumeTest.volume(root).getLong("sizeBytes"));
        assertEquals(size, simulator.fileVirtualSize(address, path).orElseThrow());
        assertEquals(free - 3 * size, available(host));

        // the VM goes: its root volume's snapshots go with it, and all their space comes back
        assertEquals("Succeeded", end(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm)).getString("state"));
        as(Tokens.ALICE).get("/v1/volume-snapshots/" + s2).then().statusCode(404);
        assertEquals("Succeeded", end(as(Tokens.ALICE).delete("/v1/volumes/" + copy.get("id"))).getString("state"));
        assertEquals(free + size, available(host), "the root volume, its snapshots and the copy are all given back");
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }

    @Test
    void badRequestsAreRefusedAndWriteNothing() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String host = c.hosts().get(0);
        String vm = DataVolumeTest.vm(c);
        String root = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().extract().path("rootVolumeId");
        String s1 = snap(root, "s1");
        long free = available(host);
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of(), Map.of("name", ""),
                Map.of("name", "a b;reboot"), Map.of("name", "s1"),
                Map.of("name", "x", "description", "d".repeat(256)))) {
            as(Tokens.ALICE).body(body).post("/v1/volumes/" + root + "/snapshots").then().statusCode(400)
                    .body("errors.field", hasItem(body.containsKey("description") ? "description" : "name"));
        }
        as(Tokens.ALICE).body(Map.of("name", "")).post("/v1/volume-snapshots/" + s1 + "/volumes").then()
                .statusCode(400).body("errors.field", hasItem("name"));
        // another tenant sees neither the volume nor the snapshot
        as(Tokens.BOB).body(Map.of("name", "x")).post("/v1/volumes/" + root + "/snapshots").then().statusCode(404);
        as(Tokens.BOB).get("/v1/volumes/" + root + "/snapshots").then().statusCode(404);
        as(Tokens.BOB).get("/v1/volume-snapshots/" + s1).then().statusCode(404);
        as(Tokens.BOB).post("/v1/volume-snapshots/" + s1 + "/revert").then().statusCode(404);
        as(Tokens.BOB).delete("/v1/volume-snapshots/" + s1).then().statusCode(404);
        as(Tokens.BOB).body(Map.of("name", "x")).post("/v1/volume-snapshots/" + s1 + "/volumes").then()
                .statusCode(404);
        as(Tokens.ALICE).delete("/v1/volume-snapshots/not-an-id").then().statusCode(404);
        assertEquals(free, available(host));
        assertEquals("s1*;", names(root));
        // the most snapshots a volume may have
        String data = DataVolumeTest.add(vm, DataVolumeTest.sized("d", 1)).volume();
        for (int i = 0; i < SnapshotService.MAX_PER_VOLUME; i++) {
            snap(data, "n" + i);
        }
        as(Tokens.ALICE).body(Map.of("name", "one-more")).post("/v1/volumes/" + data + "/snapshots").then()
                .statusCode(409).body("code", is("error_too_many_snapshots"));
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }

    @Test
    void aHostFailureRollsTheSnapshotBack() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String host = c.hosts().get(0);
        String vm = DataVolumeTest.vm(c);
        String root = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().extract().path("rootVolumeId");
        long free = available(host);
        simulator.failNext(c.hostAddresses().get(0), SimulatorAction.SNAPSHOT_CREATE, "qemu: no space left");
        String[] failed = take(Tokens.ALICE, root, "fails");
        assertEquals("RolledBack", failed[0]);
        as(Tokens.ALICE).get("/v1/volume-snapshots/" + failed[1]).then().statusCode(404);
        assertEquals(free, available(host));
        // a failed revert leaves the snapshot and the volume as they were
        String s1 = snap(root, "s1");
        power(vm, "stop");
        simulator.failNext(c.hostAddresses().get(0), SimulatorAction.SNAPSHOT_REVERT, "qemu-img: I/O error");
        JsonPath reverted = end(as(Tokens.ALICE).post("/v1/volume-snapshots/" + s1 + "/revert"));
        assertFalse(reverted.getString("state").equals("Succeeded"), reverted.prettify());
        assertEquals("s1*;", names(root));
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }

    /**
     * Images from a snapshot (VM running) and from a stopped VM's root volume: Ready qcow2 files on a backup storage,
     * nothing left on the host, and a VM boots from one; an upload failure leaves an Error image and nothing else.
     */
    @Test
    void imagesAreMadeFromASnapshotAndFromAStoppedVolume() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String vm = DataVolumeTest.vm(c);
        String root = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().extract().path("rootVolumeId");
        long size = DataVolumeTest.volume(root).getLong("sizeBytes");
        String s1 = snap(root, "golden");

        JsonPath accepted = as(Tokens.ALICE).body(Map.of("name", unique("from-snap")))
                .post("/v1/volume-snapshots/" + s1 + "/images").then().statusCode(202)
                .body("resource.status", is("Downloading")).body("resource.format", is("qcow2")).extract()
                .jsonPath();
        JsonPath done = Jobs.awaitFinal(accepted.getString("jobId"), Duration.ofSeconds(60));
        assertEquals("Succeeded", done.getString("state"), done.prettify());
        String image = accepted.getString("resource.id");
        JsonPath img = as(Tokens.ADMIN).get("/v1/images/" + image).then().statusCode(200).extract().jsonPath();
        assertEquals("Ready", img.getString("status"));
        assertEquals(size, img.getLong("virtualSizeBytes"));
        String bsAddress = as(Tokens.ADMIN).get("/v1/backup-storage/" + img.getString("backupStorageId"))
                .path("address");
        assertTrue(simulator.files(bsAddress).contains(img.getString("path")), "the image file is on the store");
        as(Tokens.ALICE).get("/v1/volume-snapshots/" + s1).then().body("status", is("Ready"));
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());

        // a VM boots from the new image
        Map<String, Object> body = VmFixtures.vmBody(c, unique("from-image"));
        body.put("imageId", image);
        assertEquals("Succeeded", VmFixtures.create(Tokens.ALICE, body).getString("state"));

        // from the volume itself: only with the VM stopped
        as(Tokens.ALICE).body(Map.of("name", unique("from-vol"))).post("/v1/volumes/" + root + "/images").then()
                .statusCode(409);
        power(vm, "stop");
        JsonPath fromVolume = end(as(Tokens.ALICE).body(Map.of("name", unique("from-vol")))
                .post("/v1/volumes/" + root + "/images"));
        assertEquals("Succeeded", fromVolume.getString("state"), fromVolume.prettify());
        // bad input: 400 per field, nothing made
        as(Tokens.ALICE).body(Map.of("name", "")).post("/v1/volumes/" + root + "/images").then().statusCode(400)
                .body("errors.field", hasItem("name"));
        as(Tokens.BOB).body(Map.of("name", "x")).post("/v1/volume-snapshots/" + s1 + "/images").then()
                .statusCode(404);

        // the store fails the upload: the image is Error, nothing stays on the host, the snapshot takes requests
        simulator.failNext(bsAddress, SimulatorAction.BS_UPLOAD, "disk full");
        JsonPath failing = as(Tokens.ALICE).body(Map.of("name", unique("fails"), "backupStorageId",
                img.getString("backupStorageId"))).post("/v1/volume-snapshots/" + s1 + "/images").then()
                .statusCode(202).extract().jsonPath();
        JsonPath failed = Jobs.awaitFinal(failing.getString("jobId"), Duration.ofSeconds(60));
        assertEquals("RolledBack", failed.getString("state"), failed.prettify());
        as(Tokens.ALICE).get("/v1/images/" + failing.getString("resource.id")).then().body("status", is("Error"));
        as(Tokens.ALICE).get("/v1/volume-snapshots/" + s1).then().body("status", is("Ready"));
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }

    /** For every step of the four snapshot jobs, the server "dies" right after it; recovery settles everything. */
    @Test
    void aCrashAfterAnyStepOfASnapshotJobIsSettled() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String vm = DataVolumeTest.vm(c);
        Invariants invariants = new Invariants(db, simulator);
        String data = DataVolumeTest.add(vm, DataVolumeTest.sized("cs", 1)).volume();
        power(vm, "stop");
        for (String type : List.of("volume.snapshot", "volume.revert-snapshot", "volume.from-snapshot",
                "volume.delete-snapshot", "image.from-volume")) {
            for (String step : workflows.find(type).orElseThrow().steps(null).stream().map(Step::name).toList()) {
                String s = type.equals("volume.snapshot") ? null : snap(data, unique("c"));
                faults.armAfterStep(type, step);
                switch (type) {
                    case "volume.snapshot" -> as(Tokens.ALICE).body(Map.of("name", unique("c")))
                            .post("/v1/volumes/" + data + "/snapshots").then().statusCode(202);
                    case "volume.revert-snapshot" -> as(Tokens.ALICE).post("/v1/volume-snapshots/" + s + "/revert")
                            .then().statusCode(202);
                    case "volume.from-snapshot" -> as(Tokens.ALICE).body(Map.of("name", unique("c")))
                            .post("/v1/volume-snapshots/" + s + "/volumes").then().statusCode(202);
                    case "image.from-volume" -> as(Tokens.ALICE).body(Map.of("name", unique("c")))
                            .post("/v1/volume-snapshots/" + s + "/images").then().statusCode(202);
                    default -> as(Tokens.ALICE).delete("/v1/volume-snapshots/" + s).then().statusCode(202);
                }
                String job = Crashes.crashedJob(faults, type, step);
                Crashes.expire(db, job);
                JsonPath end = Jobs.awaitFinal(job, Duration.ofSeconds(60));
                assertTrue(List.of("Succeeded", "RolledBack").contains(end.getString("state")),
                        type + "/" + step + ": " + end.prettify());
                invariants.check(c.hosts(), c.hostAddresses(), c.l3());
            }
        }
    }

    /** 50 snapshot requests at once over five volumes, then 50 deletes: the host's storage is exactly right. */
    @Test
    void capacityStaysRightUnderParallelCreatesAndDeletes() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String host = c.hosts().get(0);
        String vm = DataVolumeTest.vm(c);
        List<String> volumes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            volumes.add(DataVolumeTest.add(vm, DataVolumeTest.sized("p" + i, i + 1)).volume());
        }
        long free = available(host);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<String[]>> taken = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String volume = volumes.get(i % 5);
                String name = "par" + i;
                taken.add(pool.submit(() -> take(Tokens.ALICE, volume, name)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String[]> f : taken) {
                assertEquals("Succeeded", f.get()[0]);
                ids.add(f.get()[1]);
            }
            // each volume i holds 10 snapshots of (i + 1) GiB
            assertEquals(free - 10 * (1 + 2 + 3 + 4 + 5) * GIB, available(host));
            for (String v : volumes) {
                assertEquals(10, tree(v).size());
            }
            List<Future<JsonPath>> deleted = new ArrayList<>();
            for (String id : ids) {
                deleted.add(pool.submit(() -> end(as(Tokens.ALICE).delete("/v1/volume-snapshots/" + id))));
            }
            for (Future<JsonPath> f : deleted) {
                assertEquals("Succeeded", f.get().getString("state"));
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(free, available(host));
        for (String v : volumes) {
            assertEquals(List.of(), tree(v));
            assertNull(DataVolumeTest.volume(v).getString("currentSnapshotId"));
        }
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }
}
