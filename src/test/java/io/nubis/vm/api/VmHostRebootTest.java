package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.nubis.driver.VmPowerState;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Invariants;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host that lost everything Nubis set up on it (a reboot: no domains, bridges, DHCP services, NIC rules; on the
 * simulator, {@code resetMachine}) is restored by a reconnect, and destroy and stop of its VMs succeed although their
 * domains are gone (issue 7, part 1).
 */
@QuarkusTest
class VmHostRebootTest {

    @Inject
    SimulatorControl simulator;
    @Inject
    AgroalDataSource db;

    @Test
    void aReconnectRestoresTheGuestsNetworkAndDestroyAndStopAreIdempotent() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String address = c.hostAddresses().get(0);
        String host = c.hosts().get(0);
        JsonPath a = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("a")));
        JsonPath b = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("b")));
        assertEquals("Succeeded", a.getString("state"), a.prettify());
        String vmA = a.getString("resourceId");
        String vmB = b.getString("resourceId");
        String nicA = as(Tokens.ALICE).get("/v1/vm-instances/" + vmA).then().extract().path("nics[0].id");
        String macA = as(Tokens.ALICE).get("/v1/vm-instances/" + vmA).then().extract().path("nics[0].mac");

        simulator.resetMachine(address); // the host rebooted: nothing of Nubis's is left on it
        assertTrue(simulator.bridges(address).isEmpty());
        simulator.define(address, 16, 16384);

        JsonPath reconnect = Jobs.awaitFinal(as(Tokens.ADMIN).post("/v1/hosts/" + host + "/reconnect").then()
                .statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", reconnect.getString("state"), reconnect.prettify());
        assertFalse(simulator.bridges(address).isEmpty(), "bridge re-created");
        var dhcp = simulator.dhcp(address, c.l3()).orElseThrow(() -> new AssertionError("DHCP not re-created"));
        assertTrue(dhcp.leases().stream().anyMatch(l -> l.mac().equals(macA)), dhcp.toString());
        assertTrue(simulator.nicFilters(address).values().stream().anyMatch(f -> f.nicId().equals(nicA)),
                simulator.nicFilters(address).toString());

        // the domains are gone: stop and destroy still end well
        JsonPath stop = Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vmB + "/stop").then()
                .statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", stop.getString("state"), stop.prettify());
        for (String vm : List.of(vmA, vmB)) {
            JsonPath d = Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then().statusCode(202)
                    .extract().path("jobId"));
            assertEquals("Succeeded", d.getString("state"), d.prettify());
        }
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }

    @Test
    void aVmWhoseHostRebootedStartsAgainBeforeTheHostIsReconnected() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String address = c.hostAddresses().get(0);
        String running = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("r"))).getString("resourceId");
        String stopped = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("s"))).getString("resourceId");
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + stopped + "/stop")
                .then().statusCode(202).extract().path("jobId")).getString("state"));

        simulator.rebootMachine(address); // domains, bridges, DHCP and NIC rules gone; the volume files stay
        assertTrue(simulator.vmIds(address).isEmpty());
        assertTrue(simulator.bridges(address).isEmpty());

        // the Stopped VM: start defines its domain again, with its network
        JsonPath start = Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + stopped + "/start").then()
                .statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", start.getString("state"), start.prettify());
        assertEquals(VmPowerState.Running, simulator.vmState(address, stopped));
        assertFalse(simulator.bridges(address).isEmpty(), "bridge re-created by the start");
        assertTrue(simulator.dhcp(address, c.l3()).isPresent(), "DHCP re-created by the start");

        // the VM that ran: the reconciler sees it gone (Stopped), and it starts again too
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> "Stopped".equals(
                as(Tokens.ALICE).get("/v1/vm-instances/" + running).then().extract().path("state")));
        JsonPath again = Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + running + "/start").then()
                .statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", again.getString("state"), again.prettify());
        assertEquals(VmPowerState.Running, simulator.vmState(address, running));
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }
}
