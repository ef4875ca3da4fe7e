package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Where VMs may be (issue 7, part 3): a disabled zone takes no new VMs, and takes them again once enabled; a host with
 * VMs does not enter maintenance (Nubis cannot move them yet) and says which VMs keep it busy.
 */
@QuarkusTest
class VmPlacementRulesTest {

    @Inject
    SimulatorControl simulator;

    @Test
    void aDisabledZoneTakesNoNewVms() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 8);
        as(Tokens.ADMIN).post("/v1/zones/" + c.zone() + "/disable").then().statusCode(200);
        JsonPath refused = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("off")));
        assertEquals("RolledBack", refused.getString("state"), refused.prettify());
        as(Tokens.ADMIN).post("/v1/zones/" + c.zone() + "/enable").then().statusCode(200);
        JsonPath ok = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("on")));
        assertEquals("Succeeded", ok.getString("state"), ok.prettify());
    }

    /**
     * The host and the NICs' addresses are taken in one transaction (issue 7): a create that finds no free address
     * rolls back with the host's capacity untouched and nothing left of the VM.
     */
    @Test
    void aCreateWithoutAFreeAddressLeavesTheHostsCapacityAsItWas() {
        // two addresses: the first VM's NIC and its host's DHCP server take them
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 2);
        JsonPath first = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("ip")));
        assertEquals("Succeeded", first.getString("state"), first.prettify());
        String host = "/v1/hosts/" + c.hosts().get(0);
        JsonPath before = as(Tokens.ADMIN).get(host).then().extract().jsonPath();

        JsonPath refused = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("noip")));
        assertEquals("RolledBack", refused.getString("state"), refused.prettify());
        as(Tokens.ALICE).get("/v1/jobs/" + refused.getString("id")).then()
                .body("error", org.hamcrest.Matchers.containsString("No free address"));
        JsonPath after = as(Tokens.ADMIN).get(host).then().extract().jsonPath();
        assertEquals(before.getInt("cpuAvailable"), after.getInt("cpuAvailable"));
        assertEquals(before.getLong("memoryAvailableMib"), after.getLong("memoryAvailableMib"));
        as(Tokens.ALICE).get("/v1/vm-instances/" + refused.getString("resourceId")).then().statusCode(404);
    }

    @Test
    void aHostWithVmsRefusesMaintenanceNamingThem() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 8);
        String name = unique("busy");
        JsonPath vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, name));
        assertEquals("Succeeded", vm.getString("state"), vm.prettify());
        String host = c.hosts().get(0);
        as(Tokens.ADMIN).post("/v1/hosts/" + host + "/maintenance").then().statusCode(409)
                .body("code", org.hamcrest.Matchers.is("error_host_has_vms"))
                .body("detail", org.hamcrest.Matchers.containsString(name));
        as(Tokens.ADMIN).get("/v1/hosts/" + host).then().body("state", org.hamcrest.Matchers.is("Enabled"));
        io.nubis.testing.Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm.getString("resourceId"))
                .then().statusCode(202).extract().path("jobId"));
        JsonPath m = io.nubis.testing.Jobs.awaitFinal(as(Tokens.ADMIN).post("/v1/hosts/" + host + "/maintenance")
                .then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", m.getString("state"), m.prettify());
    }

    @Test
    void maintenanceWithStopVmsStopsTheRunningVmsFirstAndTheyStayStoppedUntilTheHostIsBack() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 8);
        String address = c.hostAddresses().get(0);
        String host = c.hosts().get(0);
        String running = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("run"))).getString("resourceId");
        String stopped = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("off"))).getString("resourceId");
        io.nubis.testing.Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + stopped + "/stop").then()
                .statusCode(202).extract().path("jobId"));

        JsonPath m = io.nubis.testing.Jobs.awaitFinal(as(Tokens.ADMIN).body(java.util.Map.of("stopVms", true))
                .post("/v1/hosts/" + host + "/maintenance").then().statusCode(202).extract().path("jobId"),
                java.time.Duration.ofSeconds(120));
        assertEquals("Succeeded", m.getString("state"), m.prettify());
        as(Tokens.ADMIN).get("/v1/hosts/" + host).then().body("state", org.hamcrest.Matchers.is("Maintenance"));
        as(Tokens.ALICE).get("/v1/vm-instances/" + running).then().body("state", org.hamcrest.Matchers.is("Stopped"));
        assertEquals(io.nubis.driver.VmPowerState.Stopped, simulator.vmState(address, running));
        // the stop was the system's, audited on the VM
        assertEquals("system", as(Tokens.ADMIN).queryParam("resourceId", running).queryParam("type", "vm.stop")
                .get("/v1/jobs").then().extract().path("items[0].user"));

        // nothing starts on a host in maintenance; once it is enabled again, it does
        as(Tokens.ALICE).post("/v1/vm-instances/" + running + "/start").then().statusCode(409)
                .body("code", org.hamcrest.Matchers.is("error_vm_host_maintenance"));
        as(Tokens.ADMIN).post("/v1/hosts/" + host + "/enable").then().statusCode(200);
        JsonPath start = io.nubis.testing.Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + running
                + "/start").then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", start.getString("state"), start.prettify());
    }
}
