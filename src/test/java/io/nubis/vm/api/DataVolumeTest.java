package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.nubis.driver.DataDisk;
import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.job.JobFaultHook;
import io.nubis.job.Step;
import io.nubis.job.WorkflowRegistry;
import io.nubis.testing.Crashes;
import io.nubis.testing.Invariants;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, data volumes on simulated hosts: added to running and stopped VMs (file, row, device, definition and the
 * host's storage all agree), detached, attached again, deleted; bad requests refused with nothing written; a host
 * failure or a crash after any step of any of the four volume jobs leaves everything consistent.
 */
@QuarkusTest
class DataVolumeTest {

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

    static String vm(VmFixtures.Cloud c) {
        JsonPath created = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("dv")));
        assertEquals("Succeeded", created.getString("state"), created.prettify());
        return created.getString("resourceId");
    }

    static Map<String, Object> sized(String name, Object gib) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("sizeGib", gib);
        return b;
    }

    /** A volume add: the new volume's id and its job's end. */
    record Added(String volume, JsonPath end) {

        String state() {
            return end.getString("state");
        }
    }

    /** Adds a volume and waits for its job. */
    static Added add(String vm, Map<String, Object> body) {
        JsonPath accepted = as(Tokens.ALICE).body(body).post("/v1/vm-instances/" + vm + "/volumes").then()
                .statusCode(202).body("resource.type", is("Data")).body("resource.status", is("Creating"))
                .extract().jsonPath();
        return new Added(accepted.getString("resource.id"),
                Jobs.awaitFinal(accepted.getString("jobId"), Duration.ofSeconds(60)));
    }

    static JsonPath volume(String id) {
        return as(Tokens.ADMIN).get("/v1/volumes/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath act(String vm, String volume, String action) {
        String job = as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/volumes/" + volume + "/" + action).then()
                .statusCode(202).extract().path("jobId");
        return Jobs.awaitFinal(job, Duration.ofSeconds(60));
    }

    long available(String hostId) throws Exception {
        return Invariants.availableStorage(db, hostId);
    }

    List<DataDisk> disks(VmFixtures.Cloud c, String vm) {
        var spec = simulator.vmSpec(c.hostAddresses().get(0), vm);
        return spec == null || spec.dataDisks() == null ? List.of() : spec.dataDisks();
    }

    @Test
    void dataVolumesAreAddedDetachedAttachedAndDeleted() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String host = c.hosts().get(0);
        String address = c.hostAddresses().get(0);
        String vm = vm(c);
        long free = available(host);

        String offering = as(Tokens.ADMIN).body(Map.of("name", unique("do"), "sizeGib", 3)).post("/v1/disk-offerings")
                .then().statusCode(201).extract().path("id");
        Added first = add(vm, sized("data-1", 2));
        assertEquals("Succeeded", first.state(), first.end().prettify());
        Added second = add(vm, Map.of("name", "data-2", "diskOfferingId", offering));
        assertEquals("Succeeded", second.state(), second.end().prettify());
        as(Tokens.ALICE).queryParam("vmId", vm).get("/v1/volumes").then().statusCode(200).body("total", is(3));
        String v1 = first.volume();
        String v2 = second.volume();
        JsonPath one = volume(v1);
        assertEquals("Ready", one.getString("status"));
        assertEquals(vm, one.getString("vmId"));
        assertEquals("vdb", one.getString("device"));
        assertEquals(2 * GIB, one.getLong("sizeBytes"));
        assertEquals("vdc", volume(v2).getString("device"));
        assertEquals(offering, volume(v2).getString("diskOfferingId"));
        assertEquals(2 * GIB, simulator.fileVirtualSize(address, one.getString("path")).orElseThrow());
        assertEquals(List.of(new DataDisk(one.getString("path"), 1), new DataDisk(volume(v2).getString("path"), 2)),
                disks(c, vm));
        assertEquals(free - 5 * GIB, available(host));
        as(Tokens.ADMIN).delete("/v1/disk-offerings/" + offering).then().statusCode(409)
                .body("code", is("error_disk_offering_in_use"));

        // detach, delete refused while attached, delete once detached
        as(Tokens.ALICE).delete("/v1/volumes/" + v1).then().statusCode(409).body("code", is("error_volume_attached"));
        assertEquals("Succeeded", act(vm, v1, "detach").getString("state"));
        assertEquals(null, volume(v1).getString("vmId"));
        assertEquals(List.of(new DataDisk(volume(v2).getString("path"), 2)), disks(c, vm));
        // attach it again (stopped VM: into the definition) at the lowest free device
        Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop").then().statusCode(202).extract()
                .path("jobId"));
        assertEquals("Succeeded", act(vm, v1, "attach").getString("state"));
        assertEquals("vdb", volume(v1).getString("device"));
        as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/volumes/" + v1 + "/attach").then().statusCode(409);
        // the host lost the domain: start defines it again with both data disks
        simulator.rebootMachine(address);
        Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/start").then().statusCode(202).extract()
                .path("jobId"));
        assertEquals(2, disks(c, vm).size(), disks(c, vm).toString());

        // the VM goes, its data volumes stay detached and can be deleted
        Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then().statusCode(202).extract()
                .path("jobId"));
        assertEquals(null, volume(v1).getString("vmId"));
        assertEquals("Ready", volume(v2).getString("status"));
        for (String v : List.of(v1, v2)) {
            String path = volume(v).getString("path");
            JsonPath deleted = Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/volumes/" + v).then().statusCode(202)
                    .extract().path("jobId"));
            assertEquals("Succeeded", deleted.getString("state"), deleted.prettify());
            as(Tokens.ADMIN).get("/v1/volumes/" + v).then().statusCode(404);
            assertFalse(simulator.files(address).contains(path), "file deleted");
        }
        assertTrue(available(host) > free, "the volumes' space (and the destroyed VM's root volume's) is back");

        // ?force: an attached volume is detached and deleted in one job on its (running) VM
        String other = vm(c);
        Added forced = add(other, sized("forced", 2));
        assertEquals("Succeeded", forced.state());
        long before = available(host);
        String forcedPath = volume(forced.volume()).getString("path");
        as(Tokens.ALICE).delete("/v1/volumes/" + forced.volume()).then().statusCode(409);
        as(Tokens.BOB).queryParam("force", "true").delete("/v1/volumes/" + forced.volume()).then().statusCode(404);
        JsonPath gone = Jobs.awaitFinal(as(Tokens.ALICE).queryParam("force", "true")
                .delete("/v1/volumes/" + forced.volume()).then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", gone.getString("state"), gone.prettify());
        assertEquals("vm.delete-volume", gone.getString("type"));
        as(Tokens.ADMIN).get("/v1/volumes/" + forced.volume()).then().statusCode(404);
        assertFalse(simulator.files(address).contains(forcedPath));
        assertEquals(List.of(), disks(c, other));
        assertEquals(before + 2 * GIB, available(host));
        as(Tokens.ADMIN).delete("/v1/disk-offerings/" + offering).then().statusCode(204);
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }

    /** Issue 8: the create request may ask for data volumes; they come with the VM, or nothing does. */
    @Test
    void aVmIsCreatedWithDataVolumes() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String host = c.hosts().get(0);
        String address = c.hostAddresses().get(0);
        String small = as(Tokens.ADMIN).body(Map.of("name", unique("cs"), "sizeGib", 1)).post("/v1/disk-offerings")
                .then().statusCode(201).extract().path("id");
        String big = as(Tokens.ADMIN).body(Map.of("name", unique("cb"), "sizeGib", 3)).post("/v1/disk-offerings")
                .then().statusCode(201).extract().path("id");
        vm(c); // the image is in the host's cache from now on
        long free = available(host);

        // bad requests: nothing is made
        Map<String, Object> body = VmFixtures.vmBody(c, unique("cdv"));
        body.put("dataDiskOfferingIds", java.util.Collections.nCopies(DataDisk.MAX_INDEX + 1, small));
        as(Tokens.ALICE).body(body).post("/v1/vm-instances").then().statusCode(400)
                .body("errors.field", hasItem("dataDiskOfferingIds"));
        body.put("dataDiskOfferingIds", List.of(small, "00000000-0000-4000-8000-000000000000"));
        as(Tokens.ALICE).body(body).post("/v1/vm-instances").then().statusCode(400)
                .body("errors.field", hasItem("dataDiskOfferingIds"));

        body.put("dataDiskOfferingIds", List.of(big, small, small));
        JsonPath created = VmFixtures.create(Tokens.ALICE, body);
        assertEquals("Succeeded", created.getString("state"), created.prettify());
        String vm = created.getString("resourceId");
        List<Map<String, Object>> data = as(Tokens.ALICE).queryParam("vmId", vm).get("/v1/volumes").then().extract()
                .jsonPath().getList("items.findAll { it.type == 'Data' }.sort { it.deviceIndex }");
        assertEquals(List.of("vdb", "vdc", "vdd"), data.stream().map(v -> v.get("device")).toList());
        assertEquals(List.of(big, small, small), data.stream().map(v -> v.get("diskOfferingId")).toList());
        assertEquals(List.of("Ready", "Ready", "Ready"), data.stream().map(v -> v.get("status")).toList());
        assertEquals(3, disks(c, vm).size(), disks(c, vm).toString());
        String root = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().extract().path("rootVolumeId");
        assertEquals(free - volume(root).getLong("sizeBytes") - 5 * GIB, available(host));

        // the host fails the second data volume's file: the whole create rolls back, nothing stays
        simulator.failNth(address, SimulatorAction.CREATE_VOLUME, 3, "qemu-img: no space left");
        long before = available(host);
        Map<String, Object> failing = VmFixtures.vmBody(c, unique("cdf"));
        failing.put("dataDiskOfferingIds", List.of(small, small));
        JsonPath failed = VmFixtures.create(Tokens.ALICE, failing);
        assertEquals("RolledBack", failed.getString("state"), failed.prettify());
        assertEquals(before, available(host));
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }

    /** 50 volume adds at once over seven VMs, then 50 detaches, then 50 deletes: the host's storage stays exact. */
    @Test
    void capacityStaysRightUnderFiftyParallelAddsAndDeletes() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String host = c.hosts().get(0);
        List<String> vms = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            vms.add(vm(c));
        }
        long free = available(host);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<Added>> adds = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String vm = vms.get(i % vms.size());
                String name = "par" + i;
                adds.add(pool.submit(() -> add(vm, sized(name, 1))));
            }
            Map<String, String> volumeVm = new HashMap<>();
            for (int i = 0; i < adds.size(); i++) {
                Added a = adds.get(i).get();
                assertEquals("Succeeded", a.state(), a.end().prettify());
                volumeVm.put(a.volume(), vms.get(i % vms.size()));
            }
            assertEquals(free - 50 * GIB, available(host));
            List<java.util.concurrent.Future<JsonPath>> detaches = new java.util.ArrayList<>();
            volumeVm.forEach((v, vm) -> detaches.add(pool.submit(() -> act(vm, v, "detach"))));
            for (java.util.concurrent.Future<JsonPath> f : detaches) {
                assertEquals("Succeeded", f.get().getString("state"));
            }
            assertEquals(free - 50 * GIB, available(host), "detached volumes keep their space");
            List<java.util.concurrent.Future<JsonPath>> deletes = new java.util.ArrayList<>();
            for (String v : volumeVm.keySet()) {
                deletes.add(pool.submit(() -> Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/volumes/" + v).then()
                        .statusCode(202).extract().path("jobId"), Duration.ofSeconds(120))));
            }
            for (java.util.concurrent.Future<JsonPath> f : deletes) {
                assertEquals("Succeeded", f.get().getString("state"));
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(free, available(host));
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }

    @Test
    void aVmDestroyedWithDeleteVolumesTakesItsDataVolumesAlong() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String host = c.hosts().get(0);
        String address = c.hostAddresses().get(0);
        String vm = vm(c);
        long free = available(host);
        String root = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().extract().path("rootVolumeId");
        long rootSize = volume(root).getLong("sizeBytes");
        Added a = add(vm, sized("a", 1));
        Added b = add(vm, sized("b", 2));
        assertEquals("Succeeded", a.state());
        assertEquals("Succeeded", b.state());
        List<String> paths = List.of(volume(a.volume()).getString("path"), volume(b.volume()).getString("path"));
        JsonPath destroyed = Jobs.awaitFinal(as(Tokens.ALICE).queryParam("deleteVolumes", "true")
                .delete("/v1/vm-instances/" + vm).then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", destroyed.getString("state"), destroyed.prettify());
        for (Added v : List.of(a, b)) {
            as(Tokens.ADMIN).get("/v1/volumes/" + v.volume()).then().statusCode(404);
        }
        for (String path : paths) {
            assertFalse(simulator.files(address).contains(path), path);
        }
        assertEquals(free + rootSize, available(host), "the VM's root and data volumes' space is back");
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }

    /** Data volumes grow: on a running VM (live) or a stopped one (job on the VM), or detached; never shrink. */
    @Test
    void dataVolumesGrowWhenDetachedOrOnAStoppedVm() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String host = c.hosts().get(0);
        String address = c.hostAddresses().get(0);
        String vm = vm(c);
        Added a = add(vm, sized("grow", 1));
        String path = volume(a.volume()).getString("path");
        long free = available(host);
        // running VM: grown in the running VM; the root volume grows through its VM only
        JsonPath running = Jobs.awaitFinal(as(Tokens.ALICE).body(Map.of("sizeGib", 2)).post("/v1/vm-instances/" + vm
                + "/volumes/" + a.volume() + "/resize").then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", running.getString("state"), running.prettify());
        assertEquals(2 * GIB, simulator.fileVirtualSize(address, path).orElseThrow());
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Running"));
        String root = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().extract().path("rootVolumeId");
        as(Tokens.ALICE).body(Map.of("sizeGib", 2)).post("/v1/volumes/" + root + "/resize").then().statusCode(409)
                .body("code", is("error_volume_not_resizable"));
        // attached, VM stopped: through the VM
        Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop").then().statusCode(202).extract()
                .path("jobId"));
        as(Tokens.ALICE).body(Map.of("sizeGib", 2)).post("/v1/volumes/" + a.volume() + "/resize").then()
                .statusCode(409);
        JsonPath onVm = Jobs.awaitFinal(as(Tokens.ALICE).body(Map.of("sizeGib", 3)).post("/v1/vm-instances/" + vm
                + "/volumes/" + a.volume() + "/resize").then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", onVm.getString("state"), onVm.prettify());
        assertEquals(3 * GIB, volume(a.volume()).getLong("sizeBytes"));
        assertEquals(3 * GIB, simulator.fileVirtualSize(address, path).orElseThrow());
        assertEquals(free - 2 * GIB, available(host));
        // detached: on its own
        assertEquals("Succeeded", act(vm, a.volume(), "detach").getString("state"));
        for (Object bad : new Object[]{3, 1, 0, 65537}) {
            as(Tokens.ALICE).body(Map.of("sizeGib", bad)).post("/v1/volumes/" + a.volume() + "/resize").then()
                    .statusCode(400).body("errors[0].field", is("sizeGib"));
        }
        as(Tokens.BOB).body(Map.of("sizeGib", 5)).post("/v1/volumes/" + a.volume() + "/resize").then()
                .statusCode(404);
        JsonPath alone = Jobs.awaitFinal(as(Tokens.ALICE).body(Map.of("sizeGib", 4)).post("/v1/volumes/"
                + a.volume() + "/resize").then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", alone.getString("state"), alone.prettify());
        assertEquals(4 * GIB, simulator.fileVirtualSize(address, path).orElseThrow());
        assertEquals(free - 3 * GIB, available(host));
        // a host failure: nothing changes
        simulator.failNext(address, SimulatorAction.RESIZE_VOLUME, "qemu-img: cannot resize");
        JsonPath failed = Jobs.awaitFinal(as(Tokens.ALICE).body(Map.of("sizeGib", 6)).post("/v1/volumes/"
                + a.volume() + "/resize").then().statusCode(202).extract().path("jobId"));
        assertEquals("RolledBack", failed.getString("state"), failed.prettify());
        assertEquals(4 * GIB, volume(a.volume()).getLong("sizeBytes"));
        assertEquals(free - 3 * GIB, available(host));
    }

    @Test
    void badRequestsAreRefusedAndWriteNothing() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String host = c.hosts().get(0);
        String vm = vm(c);
        long free = available(host);
        String disabled = as(Tokens.ADMIN).body(Map.of("name", unique("dd"), "sizeGib", 1)).post("/v1/disk-offerings")
                .then().statusCode(201).extract().path("id");
        as(Tokens.ADMIN).post("/v1/disk-offerings/" + disabled + "/disable").then().statusCode(200);
        record Case(Map<String, Object> body, String field) {
        }
        Map<String, Object> both = sized("b", 1);
        both.put("diskOfferingId", disabled);
        for (Case k : List.of(new Case(Map.of("name", "x"), "sizeGib"), new Case(both, "sizeGib"),
                new Case(sized("x", 0), "sizeGib"), new Case(sized("x", 65537), "sizeGib"),
                new Case(sized("", 1), "name"), new Case(sized("x;reboot", 1), "name"),
                new Case(Map.of("name", "x", "diskOfferingId", disabled), "diskOfferingId"),
                new Case(Map.of("name", "x", "diskOfferingId", "00000000-0000-4000-8000-000000000000"),
                        "diskOfferingId"))) {
            as(Tokens.ALICE).body(k.body()).post("/v1/vm-instances/" + vm + "/volumes").then().statusCode(400)
                    .body("errors.field", hasItem(k.field()));
        }
        // the host's storage (1 TiB) cannot hold 2000 GiB: refused at once
        as(Tokens.ALICE).body(sized("huge", 2000)).post("/v1/vm-instances/" + vm + "/volumes").then().statusCode(409)
                .body("code", is("error_storage_full"));
        // another tenant's VM and volume are not there
        as(Tokens.BOB).body(sized("x", 1)).post("/v1/vm-instances/" + vm + "/volumes").then().statusCode(404);
        assertEquals(free, available(host));
        as(Tokens.ALICE).queryParam("vmId", vm).get("/v1/volumes").then().body("total", is(1));

        // at most eight data volumes
        for (int i = 1; i <= DataDisk.MAX_INDEX; i++) {
            assertEquals("Succeeded", add(vm, sized("d" + i, 1)).state());
        }
        as(Tokens.ALICE).body(sized("d9", 1)).post("/v1/vm-instances/" + vm + "/volumes").then().statusCode(409)
                .body("code", is("error_too_many_volumes"));
        String some = as(Tokens.ALICE).queryParam("vmId", vm).queryParam("size", 50).get("/v1/volumes").then()
                .extract().path("items.find { it.type == 'Data' }.id");
        as(Tokens.BOB).post("/v1/vm-instances/" + vm + "/volumes/" + some + "/detach").then().statusCode(404);
        as(Tokens.BOB).delete("/v1/volumes/" + some).then().statusCode(404);
        String root = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().extract().path("rootVolumeId");
        as(Tokens.ALICE).delete("/v1/volumes/" + root).then().statusCode(409).body("code", is("error_volume_is_root"));
    }

    @Test
    void aHostFailureRollsTheAddBack() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String host = c.hosts().get(0);
        String vm = vm(c);
        long free = available(host);
        simulator.failNext(c.hostAddresses().get(0), SimulatorAction.VM_ATTACH_DISK, "virsh: cannot attach");
        Added failed = add(vm, sized("fails", 2));
        assertEquals("RolledBack", failed.state(), failed.end().prettify());
        as(Tokens.ADMIN).get("/v1/volumes/" + failed.volume()).then().statusCode(404);
        as(Tokens.ALICE).queryParam("vmId", vm).get("/v1/volumes").then().body("total", is(1));
        assertEquals(free, available(host));
        assertEquals(List.of(), disks(c, vm));
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }

    /**
     * A failed add whose clean-up fails too (the host refuses to delete the file) keeps the volume row, so the
     * needs-attention retry finds the file; the retry then removes file, row and reservation.
     */
    @Test
    void aFailedCleanUpKeepsTheRowForTheRetry() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String host = c.hosts().get(0);
        String address = c.hostAddresses().get(0);
        String vm = vm(c);
        long free = available(host);
        simulator.failNext(address, SimulatorAction.VM_ATTACH_DISK, "virsh: cannot attach");
        simulator.failNext(address, SimulatorAction.DELETE_VOLUME, "rm: device busy");
        Added failed = add(vm, sized("stuck", 2));
        assertEquals("Failed", failed.state(), failed.end().prettify());
        String path = volume(failed.volume()).getString("path");
        assertTrue(simulator.files(address).contains(path), "the file the clean-up could not delete");
        String item = as(Tokens.ADMIN).queryParam("state", "Open").queryParam("size", 100)
                .get("/v1/needs-attention").then().statusCode(200).extract().jsonPath()
                .getString("items.find { it.jobId == '" + failed.end().getString("id") + "' }.id");
        as(Tokens.ADMIN).post("/v1/needs-attention/" + item + "/retry").then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> as(Tokens.ADMIN).get("/v1/volumes/" + failed.volume()).statusCode() == 404);
        assertFalse(simulator.files(address).contains(path));
        assertEquals(free, available(host));
    }

    /**
     * For every step of the four volume jobs, the server "dies" right after it; recovery resumes or rolls back, and the
     * volume's row, file, device and the host's storage agree afterwards.
     */
    @Test
    void aCrashAfterAnyStepOfAVolumeJobIsSettled() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String address = c.hostAddresses().get(0);
        Invariants invariants = new Invariants(db, simulator);
        String vm = vm(c);
        for (String type : List.of("vm.add-volume", "vm.detach-volume", "vm.attach-volume", "volume.delete",
                "volume.resize", "vm.delete-volume")) {
            for (String step : workflows.find(type).orElseThrow().steps(null).stream().map(Step::name).toList()) {
                // a volume in the state the action needs
                String volume = null;
                if (!type.equals("vm.add-volume")) {
                    Added made = add(vm, sized(unique("cv"), 1));
                    assertEquals("Succeeded", made.state());
                    volume = made.volume();
                    if (!type.equals("vm.detach-volume") && !type.equals("vm.delete-volume")) {
                        assertEquals("Succeeded", act(vm, volume, "detach").getString("state"));
                    }
                }
                faults.armAfterStep(type, step);
                String v = volume;
                switch (type) {
                    case "vm.add-volume" -> as(Tokens.ALICE).body(sized(unique("cv"), 1))
                            .post("/v1/vm-instances/" + vm + "/volumes").then().statusCode(202);
                    case "volume.delete" -> as(Tokens.ALICE).delete("/v1/volumes/" + v).then().statusCode(202);
                    case "vm.delete-volume" -> as(Tokens.ALICE).queryParam("force", "true").delete("/v1/volumes/" + v)
                            .then().statusCode(202);
                    case "volume.resize" -> as(Tokens.ALICE).body(Map.of("sizeGib", 3))
                            .post("/v1/volumes/" + v + "/resize").then().statusCode(202);
                    default -> as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/volumes/" + v + "/"
                            + type.substring("vm.".length(), type.indexOf("-volume"))).then().statusCode(202);
                }
                String job = Crashes.crashedJob(faults, type, step);
                Crashes.expire(db, job);
                JsonPath end = Jobs.awaitFinal(job, Duration.ofSeconds(60));
                assertTrue(List.of("Succeeded", "RolledBack").contains(end.getString("state")),
                        type + "/" + step + ": " + end.prettify());
                invariants.check(c.hosts(), c.hostAddresses(), c.l3());
                consistent(c, vm, address);
            }
        }
    }

    /** A crash after the grow step of {@code vm.resize-volume} (stopped VM): row, file and reservation agree. */
    @Test
    void aCrashDuringAResizeOnAStoppedVmIsSettled() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String host = c.hosts().get(0);
        String address = c.hostAddresses().get(0);
        String vm = vm(c);
        Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop").then().statusCode(202).extract()
                .path("jobId"));
        Added a = add(vm, sized("cr", 1));
        assertEquals("Succeeded", a.state());
        long free = available(host);
        for (String step : workflows.find("vm.resize-volume").orElseThrow().steps(null).stream().map(Step::name)
                .toList()) {
            faults.armAfterStep("vm.resize-volume", step);
            as(Tokens.ALICE).body(Map.of("sizeGib", 5)).post("/v1/vm-instances/" + vm + "/volumes/" + a.volume()
                    + "/resize").then().statusCode(202);
            String job = Crashes.crashedJob(faults, "vm.resize-volume", step);
            Crashes.expire(db, job);
            JsonPath end = Jobs.awaitFinal(job, Duration.ofSeconds(60));
            assertTrue(List.of("Succeeded", "RolledBack").contains(end.getString("state")), end.prettify());
            long size = volume(a.volume()).getLong("sizeBytes");
            assertEquals(end.getString("state").equals("Succeeded") ? 5 * GIB : GIB, size);
            assertEquals(size, simulator.fileVirtualSize(address, volume(a.volume()).getString("path")).orElseThrow());
            assertEquals(free - (size - GIB), available(host));
        }
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }

    /** Every data volume row has its file; every attached one is in the VM's definition, and nothing else is. */
    void consistent(VmFixtures.Cloud c, String vm, String address) {
        List<Map<String, Object>> all = as(Tokens.ADMIN).queryParam("size", 100).get("/v1/volumes").then().extract()
                .jsonPath().getList("items.findAll { it.type == 'Data' && it.hostId == '" + c.hosts().get(0) + "' }");
        List<DataDisk> expected = new java.util.ArrayList<>();
        for (Map<String, Object> v : all) {
            String path = (String) v.get("path");
            assertTrue(simulator.files(address).contains(path), "file of " + v);
            if (vm.equals(v.get("vmId"))) {
                expected.add(new DataDisk(path, (Integer) v.get("deviceIndex")));
            }
        }
        List<DataDisk> actual = new java.util.ArrayList<>(disks(c, vm));
        java.util.Comparator<DataDisk> byIndex = java.util.Comparator.comparingInt(DataDisk::deviceIndex);
        expected.sort(byIndex);
        actual.sort(byIndex);
        assertEquals(expected, actual, "the VM's definition has exactly its attached volumes");
    }
}
