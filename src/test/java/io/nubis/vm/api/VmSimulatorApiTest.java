package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.nubis.vm.VmFixtures.Cloud;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The VM lifecycle on the simulator: every rule of the server, without real hosts. */
@QuarkusTest
class VmSimulatorApiTest {

    @Inject
    SimulatorControl simulator;

    private String hostAddress(Cloud c, String hostId) {
        return c.hostAddresses().get(c.hosts().indexOf(hostId));
    }

    @Test
    void tenantCreatesStopsStartsRebootsAndDestroysAVm() {
        Cloud c = VmFixtures.simulated(simulator, 1, 8, 16384, 20);
        String name = unique("web");
        JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, name));
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        String vm = job.getString("resourceId");
        JsonPath v = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().statusCode(200).body("state", is("Running"))
                .body("name", is(name)).body("cpus", is(1)).body("memoryMib", is(256)).body("hostId", nullValue())
                .body("nics[0].ip", notNullValue()).body("rootVolumeId", notNullValue()).extract().jsonPath();
        String ip = v.getString("nics[0].ip");
        String address = c.hostAddresses().get(0);
        assertTrue(simulator.vmIds(address).contains(vm));
        assertTrue(simulator.dhcp(address, c.l3()).orElseThrow().leases().stream().anyMatch(l -> l.ip().equals(ip)),
                "DHCP on the host hands out the VM's IP");
        as(Tokens.ADMIN).get("/v1/hosts/" + c.hosts().get(0)).then().body("cpuAvailable", is(7))
                .body("memoryAvailableMib", is(16384 - 256));
        as(Tokens.ALICE).queryParam("vmId", vm).get("/v1/volumes").then().body("total", is(1));

        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop").then()
                .statusCode(202).body("resource.state", is("Stopping")).extract().path("jobId")).getString("state"));
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Stopped"));
        as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/reboot").then().statusCode(409);
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/start").then()
                .statusCode(202).extract().path("jobId")).getString("state"));
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/reboot").then()
                .statusCode(202).extract().path("jobId")).getString("state"));
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Running"));

        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then()
                .statusCode(202).extract().path("jobId")).getString("state"));
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Destroyed"));
        assertFalse(simulator.vmIds(address).contains(vm), "domain gone from the host");
        as(Tokens.ADMIN).get("/v1/hosts/" + c.hosts().get(0)).then().body("cpuAvailable", is(8))
                .body("memoryAvailableMib", is(16384));
        as(Tokens.ALICE).queryParam("vmId", vm).get("/v1/volumes").then().body("total", is(0));
        as(Tokens.ADMIN).get("/v1/l3-networks/" + c.l3() + "/ip-allocations").then()
                .body("items.ip", org.hamcrest.Matchers.not(hasItem(ip)));
        as(Tokens.ALICE).get("/v1/vm-instances").then().body("items.id", org.hamcrest.Matchers.not(hasItem(vm)));
        as(Tokens.ALICE).queryParam("state", "Destroyed").get("/v1/vm-instances").then().body("items.id", hasItem(vm));
    }

    @Test
    void tenantsCannotSeeOrTouchEachOthersVms() {
        Cloud c = VmFixtures.simulated(simulator, 1, 8, 16384, 10);
        String vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("mine"))).getString("resourceId");
        as(Tokens.BOB).get("/v1/vm-instances/" + vm).then().statusCode(404);
        as(Tokens.BOB).post("/v1/vm-instances/" + vm + "/stop").then().statusCode(404);
        as(Tokens.BOB).delete("/v1/vm-instances/" + vm).then().statusCode(404);
        as(Tokens.BOB).get("/v1/vm-instances").then().body("items.id", org.hamcrest.Matchers.not(hasItem(vm)));
        as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).then().statusCode(200).body("hostId", is(c.hosts().get(0)));
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Running"));
    }

    @Test
    void invalidRequestsAre400PerFieldAndCreateNothing() {
        Cloud c = VmFixtures.simulated(simulator, 1, 8, 16384, 10);
        Map<String, Object> bad = new java.util.HashMap<>(VmFixtures.vmBody(c, "x$(touch /tmp/nubis-pwned);a"));
        bad.put("offeringId", "00000000-0000-0000-0000-00000000beef");
        bad.put("imageId", "not-an-id");
        bad.put("l3NetworkIds", List.of(c.l3(), c.l3()));
        as(Tokens.ALICE).body(bad).post("/v1/vm-instances").then().statusCode(400).body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("offeringId")).body("errors.field", hasItem("imageId"))
                .body("errors.field", hasItem("l3NetworkIds"));
        as(Tokens.ALICE).body(Map.of("name", "ok")).post("/v1/vm-instances").then().statusCode(400);
        as(Tokens.ALICE).queryParam("q", "x$").get("/v1/vm-instances").then().body("total", is(0));
    }

    /**
     * Issue 13, cloud-init: hostile or oversized cloud-init input is 400 per field and creates nothing; valid input
     * reaches the host as a config drive whose meta-data Nubis wrote from checked values (a host name from the VM's
     * name when none is given), with the user data as given.
     */
    @Test
    void cloudInitInputIsCheckedAndReachesTheHostAsAConfigDrive() {
        Cloud c = VmFixtures.simulated(simulator, 1, 8, 16384, 10);
        long before = as(Tokens.ALICE).get("/v1/vm-instances").then().extract().jsonPath().getLong("total");
        Map<String, Object> bad = new java.util.HashMap<>(VmFixtures.vmBody(c, unique("ci")));
        bad.put("cloudInit", Map.of("hostname", "web\nlocal-hostname: evil", "sshKeys",
                List.of("ssh-ed25519 AAAA\n  - injected", "not a key"), "userData", "x".repeat(65537)));
        as(Tokens.ALICE).body(bad).post("/v1/vm-instances").then().statusCode(400)
                .body("errors.field", hasItem("cloudInit.hostname")).body("errors.field", hasItem("cloudInit.sshKeys"))
                .body("errors.field", hasItem("cloudInit.userData"));
        bad.put("cloudInit", Map.of("sshKeys", java.util.Collections.nCopies(11, "ssh-ed25519 AAAA")));
        as(Tokens.ALICE).body(bad).post("/v1/vm-instances").then().statusCode(400)
                .body("errors.field", hasItem("cloudInit.sshKeys"));
        assertEquals(before, as(Tokens.ALICE).get("/v1/vm-instances").then().extract().jsonPath().getLong("total"));

        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGqV4w1b3xX2y9y0dNKw5i0O3xQx0p0V0n1oJvY8nQz \"alice\" laptop";
        String userData = "#cloud-config\npackages: [nginx]\n";
        long n = System.nanoTime() % 100000;
        Map<String, Object> body = new java.util.HashMap<>(VmFixtures.vmBody(c, "Web_Ci." + n));
        body.put("cloudInit", Map.of("sshKeys", List.of(key), "userData", userData));
        JsonPath job = VmFixtures.create(Tokens.ALICE, body);
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        String vm = job.getString("resourceId");
        io.nubis.driver.ConfigDrive drive = simulator.vmSpec(c.hostAddresses().get(0), vm).configDrive();
        assertEquals("instance-id: \"" + vm + "\"\nlocal-hostname: \"web-ci-" + n + "\"\npublic-keys:\n  - \""
                + key.replace("\"", "\\\"") + "\"\n", drive.metaData());
        assertEquals(userData, drive.userData());

        // a VM without cloud-init data gets no config drive
        JsonPath plain = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("plain")));
        assertEquals(null, simulator.vmSpec(c.hostAddresses().get(0), plain.getString("resourceId")).configDrive());
    }

    @Test
    void aFailureInEachStepLeavesNothingBehind() {
        Cloud c = VmFixtures.simulated(simulator, 1, 8, 16384, 10);
        String host = c.hostAddresses().get(0);
        // in workflow order: the image cache is shared by all VMs of the host, so it is tried first, while it is cold
        for (SimulatorAction failing : List.of(SimulatorAction.CACHE_IMAGE, SimulatorAction.CREATE_VOLUME,
                SimulatorAction.ENSURE_DHCP, SimulatorAction.VM_CREATE)) {
            simulator.failNext(host, failing, "simulated failure of " + failing);
            JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("doomed")));
            assertEquals("RolledBack", job.getString("state"), failing + ": " + job.prettify());
            assertTrue(job.getString("error").contains("simulated failure of " + failing), job.getString("error"));
            String vm = job.getString("resourceId");
            as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().statusCode(404);
            assertFalse(simulator.vmIds(host).contains(vm), failing + ": no domain");
            as(Tokens.ADMIN).get("/v1/hosts/" + c.hosts().get(0)).then().body("cpuAvailable", is(8))
                    .body("memoryAvailableMib", is(16384));
            as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").then().body("total", is(0));
            as(Tokens.ADMIN).get("/v1/l3-networks/" + c.l3() + "/ip-allocations").then()
                    .body("items.ownerType", org.hamcrest.Matchers.not(hasItem("vm-nic")));
        }
        JsonPath ok = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("fine")));
        assertEquals("Succeeded", ok.getString("state"), ok.prettify());
    }

    @Test
    void parallelCreatesBeyondCapacityFailCleanlyAndNeverOvercommit() throws Exception {
        Cloud c = VmFixtures.simulated(simulator, 2, 2, 4096, 50);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<JsonPath>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = unique("burst");
            calls.add(() -> VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, name)));
        }
        int ok = 0;
        int rolledBack = 0;
        for (Future<JsonPath> f : pool.invokeAll(calls)) {
            String state = f.get().getString("state");
            if ("Succeeded".equals(state)) {
                ok++;
            } else {
                assertEquals("RolledBack", state, f.get().prettify());
                assertTrue(f.get().getString("error").contains("No host has room"), f.get().getString("error"));
                rolledBack++;
            }
        }
        pool.shutdown();
        assertEquals(4, ok, "2 hosts x 2 CPUs, 1 vCPU each");
        assertEquals(6, rolledBack);
        for (String h : c.hosts()) {
            as(Tokens.ADMIN).get("/v1/hosts/" + h).then().body("cpuAvailable", is(0));
        }
    }

    @Test
    void aVmKilledOnItsHostShowsStoppedWithinAPingInterval() {
        Cloud c = VmFixtures.simulated(simulator, 1, 8, 16384, 10);
        String vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("victim"))).getString("resourceId");
        simulator.killVm(c.hostAddresses().get(0), vm);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> "Stopped".equals(as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("state")));
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("stateReason",
                org.hamcrest.Matchers.containsString("outside Nubis"));
    }
}
