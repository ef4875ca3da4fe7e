package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.nubis.driver.VmPowerState;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: live migration on simulated hosts sharing an NFS primary storage: the API's rules, the move itself (the
 * domain, the VM's host, capacity on both hosts, leases and NIC rules follow), and a crash after every step of
 * {@code vm.migrate} settling with the VM running on exactly one host that the database names. The real move (qemu over
 * SSH, pings counted) is in NfsStorageKvmTest.
 */
@QuarkusTest
class VmMigrationTest {

    @Inject
    SimulatorControl simulator;
    @Inject
    JobFaultHook faults;
    @Inject
    WorkflowRegistry workflows;
    @Inject
    AgroalDataSource db;

    @AfterEach
    void disarm() {
        faults.reset();
    }

    /**
     * Ceph (simulated hosts share the pool's images): root volumes are raw RBD images of the pool, the VM moves, and
     * what Ceph volumes cannot do yet (an image made of a volume or of its snapshot) is refused with a reason, nothing
     * started; snapshots work.
     */
    @Test
    void aVmOnCephMovesAndItsVolumesRefuseWhatCephCannotDoYet() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 2, 8, 8192, 4, "Ceph");
        String vm = created(c, "ceph");
        String root = as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").path("items[0].path");
        assertTrue(root.matches("^rbd://nubis@mon1\\.example,mon2\\.example:3300/pool-[^/]+/volumes/[0-9a-f-]{36}"
                + "\\.raw$"), root);
        String volume = as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").path("items[0].id");
        JsonPath taken = as(Tokens.ALICE).body(Map.of("name", "s1")).post("/v1/volumes/" + volume + "/snapshots")
                .then().statusCode(202).extract().jsonPath();
        JsonPath snap = Jobs.awaitFinal(taken.getString("jobId"));
        assertEquals("Succeeded", snap.getString("state"), snap.prettify());
        String snapshot = taken.getString("resource.id");
        // a data volume made on one host is attached to a VM of the other host: both reach the pool
        JsonPath added = as(Tokens.ALICE).body(Map.of("name", "data", "sizeGib", 1))
                .post("/v1/vm-instances/" + vm + "/volumes").then().statusCode(202).extract().jsonPath();
        assertEquals("Succeeded", Jobs.awaitFinal(added.getString("jobId")).getString("state"));
        String data = added.getString("resource.id");
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/volumes/" + data
                + "/detach").then().statusCode(202).extract().path("jobId")).getString("state"));
        String target = other(c, hostOf(vm));
        String peer = created(c, "peer");
        if (!target.equals(hostOf(peer))) {
            assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ADMIN).body(Map.of("hostId", target))
                    .post("/v1/vm-instances/" + peer + "/migrate").then().statusCode(202).extract().path("jobId"))
                    .getString("state"));
        }
        JsonPath attached = Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + peer + "/volumes/" + data
                + "/attach").then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", attached.getString("state"), attached.prettify());
        as(Tokens.ADMIN).get("/v1/volumes/" + data).then().body("hostId", is(target)).body("vmId", is(peer));
        destroy(peer);

        JsonPath end = Jobs.awaitFinal(as(Tokens.ADMIN).body(Map.of("hostId", target))
                .post("/v1/vm-instances/" + vm + "/migrate").then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", end.getString("state"), end.prettify());
        assertEquals(VmPowerState.Running, simulator.vmState(address(c, target), vm));
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
        Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop").then().statusCode(202).extract()
                .path("jobId"));
        as(Tokens.ALICE).body(Map.of("name", unique("img"), "backupStorageId", c.image())).post("/v1/volumes/"
                + volume + "/images").then().statusCode(409).body("code", is("error_ceph_volume_image"));
        as(Tokens.ALICE).body(Map.of("name", unique("img"))).post("/v1/volume-snapshots/" + snapshot + "/images")
                .then().statusCode(409).body("code", is("error_ceph_volume_image"));
        destroy(vm);
    }

    @Test
    void aRunningVmMovesToAnotherHostOfItsClusterWithItsPlumbing() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 2, 8, 8192, 10, true);
        String vm = created(c, "mig");
        String source = hostOf(vm);
        String target = other(c, source);
        String from = address(c, source);
        String to = address(c, target);
        String nic = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("nics[0].id");

        as(Tokens.ALICE).body(Map.of("hostId", target)).post("/v1/vm-instances/" + vm + "/migrate").then()
                .statusCode(403);
        as(Tokens.ADMIN).body(Map.of("hostId", "not-an-id")).post("/v1/vm-instances/" + vm + "/migrate").then()
                .statusCode(400);
        as(Tokens.ADMIN).body(Map.of("hostId", java.util.UUID.randomUUID().toString()))
                .post("/v1/vm-instances/" + vm + "/migrate").then().statusCode(404);
        as(Tokens.ADMIN).body(Map.of("hostId", source)).post("/v1/vm-instances/" + vm + "/migrate").then()
                .statusCode(409).body("code", is("error_vm_migrate_same_host"));
        VmFixtures.Cloud elsewhere = VmFixtures.simulated(simulator, 1, 8, 8192, 4, true);
        as(Tokens.ADMIN).body(Map.of("hostId", elsewhere.hosts().get(0))).post("/v1/vm-instances/" + vm + "/migrate")
                .then().statusCode(409).body("code", is("error_vm_migrate_other_cluster"));

        JsonPath end = Jobs.awaitFinal(as(Tokens.ADMIN).body(Map.of("hostId", target))
                .post("/v1/vm-instances/" + vm + "/migrate").then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", end.getString("state"), end.prettify());
        as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).then().body("hostId", is(target)).body("state", is("Running"));
        assertEquals(VmPowerState.Running, simulator.vmState(to, vm));
        assertTrue(!simulator.vmIds(from).contains(vm), "gone from the source");
        assertTrue(simulator.nicFilters(to).containsKey(io.nubis.driver.NicDevice.name(nic)),
                "NIC rules on the target");
        assertTrue(!simulator.nicFilters(from).containsKey(io.nubis.driver.NicDevice.name(nic)),
                "and not on the source");
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());

        // the portal: admins get the form with the other host; it moves the VM back
        io.nubis.testing.PortalSession admin = io.nubis.testing.PortalSession.login(Tokens.ADMIN);
        String page = admin.page("/portal/vms/" + vm).asString();
        assertTrue(page.contains("id=\"vm-migrate\"") && page.contains("<option value=\"" + source + "\">"), page);
        assertTrue(!io.nubis.testing.PortalSession.login(Tokens.ALICE).page("/portal/vms/" + vm).asString()
                .contains("id=\"vm-migrate\""), "tenants do not see it");
        io.restassured.response.Response posted = admin.submit("/portal/vms/" + vm, "/portal/vms/" + vm + "/migrate",
                Map.of("hostId", source));
        assertEquals(303, posted.statusCode(), posted.asString());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> source.equals(hostOf(vm)) && "Running".equals(as(Tokens.ADMIN)
                        .get("/v1/vm-instances/" + vm).path("state")));

        // a stopped VM does not migrate live
        Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop").then().statusCode(202).extract()
                .path("jobId"));
        as(Tokens.ADMIN).body(Map.of("hostId", target)).post("/v1/vm-instances/" + vm + "/migrate").then()
                .statusCode(409).body("code", is("error_vm_state"));
        destroy(vm);

        // Local storage: refused, naming the volumes only its host sees
        VmFixtures.Cloud local = VmFixtures.simulated(simulator, 2, 8, 8192, 4);
        String pinned = created(local, "local");
        as(Tokens.ADMIN).body(Map.of("hostId", other(local, hostOf(pinned))))
                .post("/v1/vm-instances/" + pinned + "/migrate").then().statusCode(409)
                .body("code", is("error_vm_migrate_local_storage")).body("detail", containsString("Local"));
        destroy(pinned);
    }

    /** Host maintenance evacuates: both running VMs on NFS move live; a VM on Local storage keeps it from it. */
    /**
     * A migration that fails before the guest moves leaves the VM running on the source, and the target is cleaned of
     * whatever went ahead of the guest (on KVM its config drive): the rollback destroys the VM there, which finds no
     * domain and removes only the files.
     */
    @Test
    void aFailedMigrationLeavesNothingOnTheTarget() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 2, 8, 8192, 10, true);
        String vm = created(c, "failmig");
        String source = hostOf(vm);
        String target = other(c, source);
        int destroys = simulator.calls(address(c, target), SimulatorAction.VM_DESTROY);
        simulator.failNext(address(c, source), SimulatorAction.VM_MIGRATE, "the network dropped the migration");
        JsonPath end = Jobs.awaitFinal(as(Tokens.ADMIN).body(Map.of("hostId", target))
                .post("/v1/vm-instances/" + vm + "/migrate").then().statusCode(202).extract().path("jobId"));
        assertEquals("RolledBack", end.getString("state"), end.prettify());
        assertEquals(source, hostOf(vm));
        assertEquals("Running", as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).path("state"));
        assertEquals(VmPowerState.Running, simulator.vmState(address(c, source), vm));
        assertEquals(destroys + 1, simulator.calls(address(c, target), SimulatorAction.VM_DESTROY),
                "the target is cleaned");
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
        destroy(vm);
    }

    @Test
    void maintenanceMovesEveryVmThatCanMoveAndRefusesForThoseThatCannot() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 2, 8, 8192, 10, true);
        String first = created(c, "ev");
        String host = hostOf(first);
        String other = other(c, host);
        // a second VM on the same host: move it there if the allocator spread them
        String second = created(c, "ev");
        if (!hostOf(second).equals(host)) {
            assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ADMIN).body(Map.of("hostId", host))
                    .post("/v1/vm-instances/" + second + "/migrate").then().statusCode(202).extract().path("jobId"))
                    .getString("state"));
        }
        String preview = io.nubis.testing.PortalSession.login(Tokens.ADMIN).page("/admin/hosts/" + host).asString();
        assertTrue(preview.contains("id=\"maintenance-moves\"") && !preview.contains("id=\"maintenance-stays\""),
                "the host page says both will move");
        JsonPath end = Jobs.awaitFinal(as(Tokens.ADMIN).post("/v1/hosts/" + host + "/maintenance").then()
                .statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", end.getString("state"), end.prettify());
        as(Tokens.ADMIN).get("/v1/hosts/" + host).then().body("state", is("Maintenance"));
        for (String vm : List.of(first, second)) {
            assertEquals(other, hostOf(vm), "moved");
            assertEquals("Running", as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).path("state"));
            assertEquals(VmPowerState.Running, simulator.vmState(address(c, other), vm));
        }
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
        as(Tokens.ADMIN).post("/v1/hosts/" + host + "/enable").then().statusCode(200);
        destroy(first);
        destroy(second);

        VmFixtures.Cloud local = VmFixtures.simulated(simulator, 2, 8, 8192, 4);
        String pinned = created(local, "pinned");
        assertTrue(io.nubis.testing.PortalSession.login(Tokens.ADMIN).page("/admin/hosts/" + hostOf(pinned)).asString()
                .contains("id=\"maintenance-stays\""), "the host page says it cannot move");
        as(Tokens.ADMIN).post("/v1/hosts/" + hostOf(pinned) + "/maintenance").then().statusCode(409)
                .body("detail", containsString(as(Tokens.ADMIN).get("/v1/vm-instances/" + pinned).path("name")
                        .toString()));
        destroy(pinned);
    }

    @Test
    void aCrashAfterAnyStepOfAMigrationEndsWithTheVmRunningWhereTheDatabaseSaysOnly() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 2, 16, 16384, 20, true);
        Invariants invariants = new Invariants(db, simulator);
        List<String> steps = workflows.find("vm.migrate").orElseThrow().steps(null).stream().map(Step::name).toList();
        for (String step : steps) {
            String vm = created(c, "mc");
            String source = hostOf(vm);
            String target = other(c, source);
            faults.armAfterStep("vm.migrate", step);
            as(Tokens.ADMIN).body(Map.of("hostId", target)).post("/v1/vm-instances/" + vm + "/migrate").then()
                    .statusCode(202);
            String job = Crashes.crashedJob(faults, "vm.migrate", step);
            Crashes.expire(db, job);
            JsonPath end = Jobs.awaitFinal(job, Duration.ofSeconds(60));
            assertTrue(List.of("Succeeded", "RolledBack").contains(end.getString("state")), step + ": "
                    + end.prettify());
            String now = hostOf(vm);
            assertEquals("Running", as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).path("state"), step);
            assertEquals(VmPowerState.Running, simulator.vmState(address(c, now), vm), step + ": runs on its host");
            assertTrue(!simulator.vmIds(address(c, other(c, now))).contains(vm), step + ": and nowhere else");
            invariants.check(c.hosts(), c.hostAddresses(), c.l3());
            destroy(vm);
            invariants.check(c.hosts(), c.hostAddresses(), c.l3());
        }
    }

    static String created(VmFixtures.Cloud c, String name) {
        JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique(name)));
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        return job.getString("resourceId");
    }

    static String hostOf(String vm) {
        return as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).path("hostId");
    }

    static String other(VmFixtures.Cloud c, String host) {
        return c.hosts().stream().filter(h -> !h.equals(host)).findFirst().orElseThrow();
    }

    static String address(VmFixtures.Cloud c, String host) {
        return c.hostAddresses().get(c.hosts().indexOf(host));
    }

    static void destroy(String vm) {
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then()
                .statusCode(202).extract().path("jobId")).getString("state"));
    }
}
