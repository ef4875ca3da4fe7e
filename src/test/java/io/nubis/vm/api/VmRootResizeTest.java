package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.job.JobFaultHook;
import io.nubis.job.Step;
import io.nubis.job.WorkflowRegistry;
import io.nubis.testing.Crashes;
import io.nubis.testing.Invariants;
import io.nubis.testing.Jobs;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.nubis.vm.VmResizeRootWorkflow;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: a stopped VM's root disk grows (simulated hosts): the file, the volume row and the host's storage
 * reservation change together, bad sizes are field errors, a running VM is refused, and a failure or a crash at any
 * point leaves the disk, the row and the reservation as they were.
 */
@QuarkusTest
class VmRootResizeTest {

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

    /** A VM created and stopped on the cloud; returns its id. */
    static String stoppedVm(VmFixtures.Cloud c) {
        JsonPath created = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("rz")));
        assertEquals("Succeeded", created.getString("state"), created.prettify());
        String vm = created.getString("resourceId");
        JsonPath stopped = Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop").then()
                .statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", stopped.getString("state"), stopped.prettify());
        return vm;
    }

    static JsonPath resize(String vm, Object sizeGib) {
        String job = as(Tokens.ALICE).body(Map.of("sizeGib", sizeGib)).post("/v1/vm-instances/" + vm + "/resize-root")
                .then().statusCode(202).body("resource.state", is("Resizing")).extract().path("jobId");
        return Jobs.awaitFinal(job, Duration.ofSeconds(60));
    }

    /** The root volume: [id, path, size, host]. */
    String[] root(String vm) {
        JsonPath v = as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).then().statusCode(200).extract().jsonPath();
        String volume = v.getString("rootVolumeId");
        JsonPath vol = as(Tokens.ADMIN).get("/v1/volumes/" + volume).then().statusCode(200).extract().jsonPath();
        return new String[]{volume, vol.getString("path"), Long.toString(vol.getLong("sizeBytes")),
                vol.getString("hostId")};
    }

    long available(String hostId) throws Exception {
        return Invariants.availableStorage(db, hostId);
    }

    void assertRoot(VmFixtures.Cloud c, String vm, long size, long available) throws Exception {
        String[] r = root(vm);
        assertEquals(size, Long.parseLong(r[2]), "volume row size");
        assertEquals(size, simulator.fileVirtualSize(c.hostAddresses().get(0), r[1]).orElseThrow(), "file size");
        assertEquals(available, available(r[3]), "the host's storage reservation");
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Stopped"));
    }

    @Test
    void aStoppedVmsRootDiskGrowsAndStartsAgain() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String vm = stoppedVm(c);
        String[] before = root(vm);
        long size = Long.parseLong(before[2]);
        long free = available(before[3]);

        JsonPath grown = resize(vm, 3);
        assertEquals("Succeeded", grown.getString("state"), grown.prettify());
        assertRoot(c, vm, 3 * GIB, free - (3 * GIB - size));
        as(Tokens.ADMIN).queryParam("action", "vm.resize-root").queryParam("targetId", vm).get("/v1/audit-events")
                .then().statusCode(200).body("items.result", hasItem("ACCEPTED"));

        JsonPath started = Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/start").then()
                .statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", started.getString("state"), started.prettify());

        // running: grown in the running VM at once, and it keeps running
        JsonPath live = resize(vm, 5);
        assertEquals("Succeeded", live.getString("state"), live.prettify());
        String[] r = root(vm);
        assertEquals(5 * GIB, Long.parseLong(r[2]));
        assertEquals(5 * GIB, simulator.fileVirtualSize(c.hostAddresses().get(0), r[1]).orElseThrow());
        assertEquals(free - (5 * GIB - size), available(r[3]));
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Running"));
        // another tenant's VM is not there for bob
        as(Tokens.BOB).body(Map.of("sizeGib", 5)).post("/v1/vm-instances/" + vm + "/resize-root").then()
                .statusCode(404);
    }

    @Test
    void badSizesAreFieldErrorsAndChangeNothing() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String vm = stoppedVm(c);
        assertEquals("Succeeded", resize(vm, 2).getString("state"));
        long free = available(root(vm)[3]);
        for (Object bad : new Object[]{0, -1, 65537, 2, 1}) {
            as(Tokens.ALICE).body(Map.of("sizeGib", bad)).post("/v1/vm-instances/" + vm + "/resize-root").then()
                    .statusCode(400).body("errors[0].field", is("sizeGib"));
        }
        as(Tokens.ALICE).body(Map.of("sizeGib", 2)).post("/v1/vm-instances/" + vm + "/resize-root").then()
                .statusCode(400).body("errors[0].code", is("error_root_not_larger"));
        as(Tokens.ALICE).body(Map.of()).post("/v1/vm-instances/" + vm + "/resize-root").then().statusCode(400)
                .body("errors[0].code", is("error_required"));
        as(Tokens.ALICE).body(Map.of("sizeGib", "big")).post("/v1/vm-instances/" + vm + "/resize-root").then()
                .statusCode(400);
        assertRoot(c, vm, 2 * GIB, free);
    }

    @Test
    void aHostFailureOrAFullStorageIsRolledBack() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String vm = stoppedVm(c);
        String[] r = root(vm);
        long size = Long.parseLong(r[2]);
        long free = available(r[3]);

        simulator.failNext(c.hostAddresses().get(0), SimulatorAction.RESIZE_VOLUME, "qemu-img: Could not resize");
        JsonPath failed = resize(vm, 4);
        assertEquals("RolledBack", failed.getString("state"), failed.prettify());
        assertRoot(c, vm, size, free);
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Stopped"));

        // the simulated host has 1 TiB: 2000 GiB do not fit
        JsonPath full = resize(vm, 2000);
        assertEquals("RolledBack", full.getString("state"), full.prettify());
        assertRoot(c, vm, size, free);
    }

    @Test
    void aCrashAfterTheStepOrInsideTheHostCallIsUndone() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        Invariants invariants = new Invariants(db, simulator);
        String vm = stoppedVm(c);
        String[] r = root(vm);
        long size = Long.parseLong(r[2]);
        original = size;
        long free = available(r[3]);
        List<String> steps = workflows.find(VmResizeRootWorkflow.TYPE).orElseThrow().steps(null).stream()
                .map(Step::name).toList();
        int sizeGib = 6;
        for (String step : steps) {
            faults.armAfterStep(VmResizeRootWorkflow.TYPE, step);
            as(Tokens.ALICE).body(Map.of("sizeGib", sizeGib)).post("/v1/vm-instances/" + vm + "/resize-root").then()
                    .statusCode(202);
            String job = Crashes.crashedJob(faults, VmResizeRootWorkflow.TYPE, step);
            Crashes.expire(db, job);
            size = settled(c, vm, job, size, free, sizeGib);
            invariants.check(c.hosts(), c.hostAddresses(), c.l3());
            sizeGib++;
        }
        // the server "dies" while the host resizes the file
        String host = c.hostAddresses().get(0);
        simulator.crashNth(host, SimulatorAction.RESIZE_VOLUME, 1);
        String job = as(Tokens.ALICE).body(Map.of("sizeGib", sizeGib)).post("/v1/vm-instances/" + vm + "/resize-root")
                .then().statusCode(202).extract().path("jobId");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> simulator.calls(host, SimulatorAction.RESIZE_VOLUME) > 0);
        Thread.sleep(300);
        Crashes.expire(db, job);
        size = settled(c, vm, job, size, free, sizeGib);
        invariants.check(c.hosts(), c.hostAddresses(), c.l3());
        // and it still works afterwards
        assertEquals("Succeeded", resize(vm, sizeGib + 1).getString("state"));
        assertRoot(c, vm, (sizeGib + 1) * GIB, free - ((sizeGib + 1) * GIB - original));
    }

    /**
     * The recovered job either resumed (Succeeded: the disk, the row and the reservation all at the new size) or rolled
     * back (all at the old one); never a mix. Returns the disk's size now.
     */
    long settled(VmFixtures.Cloud c, String vm, String job, long size, long free, int sizeGib) throws Exception {
        JsonPath end = Jobs.awaitFinal(job, Duration.ofSeconds(60));
        String state = end.getString("state");
        assertTrue(List.of("Succeeded", "RolledBack").contains(state), end.prettify());
        long now = state.equals("Succeeded") ? sizeGib * GIB : size;
        assertRoot(c, vm, now, free - (now - original));
        return now;
    }

    long original;

    @Test
    void theDetailPageOffersTheResizeFormForAStoppedVm() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String vm = stoppedVm(c);
        PortalSession alice = PortalSession.login(Tokens.ALICE);
        assertThat(alice.get("/portal/vms/" + vm).asString(), containsString("id=\"vm-resize-root\""));
        io.restassured.response.Response bad = alice.submit("/portal/vms/" + vm, "/portal/vms/" + vm + "/resize-root",
                Map.of("sizeGib", "0"));
        assertEquals(303, bad.statusCode());
        assertThat(alice.follow(bad).asString(), containsString("must be between 1 and 65536"));
        io.restassured.response.Response ok = alice.submit("/portal/vms/" + vm, "/portal/vms/" + vm + "/resize-root",
                Map.of("sizeGib", "4"));
        assertEquals(303, ok.statusCode());
        assertThat(alice.follow(ok).asString(), containsString("is being resized"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> Long.parseLong(root(vm)[2]) == 4 * GIB && "Stopped".equals(
                        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().extract().path("state")));
    }
}
