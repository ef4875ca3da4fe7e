package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.NicDevice;
import io.nubis.driver.NicFilterSpec;
import io.nubis.driver.VmPowerState;
import io.nubis.driver.VmSpec;
import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.network.NetworkFixtures;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.nubis.vm.VmFixtures.Cloud;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, layer-2 anti-spoofing, wired into the VM workflows (on the simulator, which records the rules): every NIC is
 * confined with its own MAC and IP before its domain starts, on create and on start, and its rules go when the domain
 * does, on destroy and on a create's rollback; a filter that cannot be written keeps the domain from starting.
 */
@QuarkusTest
class VmNicFilterSimulatorTest {

    @Inject
    SimulatorControl simulator;

    /** The VM's NICs as the API shows them (admin view). */
    static List<Map<String, Object>> nics(String vm) {
        return as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).then().statusCode(200).extract().jsonPath()
                .getList("nics");
    }

    static String device(Map<String, Object> nic) {
        return NicDevice.name((String) nic.get("id"));
    }

    Map<String, NicFilterSpec> filters(Cloud c) {
        return simulator.nicFilters(c.hostAddresses().get(0));
    }

    static String act(String vm, String action) {
        return Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/" + action).then().statusCode(202)
                .extract().path("jobId")).getString("state");
    }

    static JsonPath destroy(String vm) {
        return Jobs.awaitFinal(
                as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then().statusCode(202).extract().path("jobId"));
    }

    @Test
    void everyNicIsConfinedToItsOwnMacAndIpAndDestroyRemovesExactlyItsRules() {
        Cloud c = VmFixtures.simulated(simulator, 1, 8, 16384, 10);
        String l2 = NetworkFixtures.l2(c.zone(), unique("l2b"));
        assertEquals("Succeeded", NetworkFixtures.attach(l2, c.cluster()).getString("state"));
        int net = (int) (System.nanoTime() % 200) + 20;
        String second = NetworkFixtures.l3(l2, unique("l3b"), "10." + net + ".250.0/24", null, true);
        NetworkFixtures.range(second, "10." + net + ".250.10", "10." + net + ".250.20");
        Map<String, Object> body = VmFixtures.vmBody(c, unique("two-nics"));
        body.put("l3NetworkIds", List.of(c.l3(), second));
        JsonPath job = VmFixtures.create(Tokens.ALICE, body);
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        String vm = job.getString("resourceId");
        String neighbour = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("neighbour")))
                .getString("resourceId");

        List<Map<String, Object>> nics = nics(vm);
        assertEquals(2, nics.size());
        VmSpec spec = simulator.vmSpec(c.hostAddresses().get(0), vm);
        for (Map<String, Object> nic : nics) {
            NicFilterSpec filter = filters(c).get(device(nic));
            assertEquals(new NicFilterSpec((String) nic.get("id"), (String) nic.get("mac"), (String) nic.get("ip")),
                    filter, "NIC " + nic.get("deviceIndex") + " confined to its own MAC and IP");
            assertTrue(spec.nics().stream().anyMatch(n -> n.device().equals(device(nic))),
                    "the domain's NIC has the device name the rules refer to");
        }
        String neighbourDevice = device(nics(neighbour).get(0));
        assertTrue(filters(c).containsKey(neighbourDevice));

        assertEquals("Succeeded", destroy(vm).getString("state"));
        for (Map<String, Object> nic : nics) {
            assertFalse(filters(c).containsKey(device(nic)), "the destroyed VM's rules are gone");
        }
        assertTrue(filters(c).containsKey(neighbourDevice), "the other VM keeps its rules");
    }

    @Test
    void aFilterThatCannotBeWrittenKeepsTheDomainFromStartingAndAFailedStartTakesTheRulesAway() {
        Cloud c = VmFixtures.simulated(simulator, 1, 8, 16384, 10);
        String host = c.hostAddresses().get(0);
        int creates = simulator.calls(host, SimulatorAction.VM_CREATE);
        simulator.failNext(host, SimulatorAction.ENSURE_NIC_FILTER, "simulated nft failure");
        JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("unconfined")));
        assertEquals("RolledBack", job.getString("state"), job.prettify());
        assertTrue(job.getString("error").contains("simulated nft failure"), job.getString("error"));
        assertEquals(creates, simulator.calls(host, SimulatorAction.VM_CREATE), "the domain was never started");
        assertFalse(simulator.vmIds(host).contains(job.getString("resourceId")));

        simulator.failNext(host, SimulatorAction.VM_CREATE, "simulated start failure");
        job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("doomed")));
        assertEquals("RolledBack", job.getString("state"), job.prettify());
        assertTrue(simulator.calls(host, SimulatorAction.ENSURE_NIC_FILTER) >= 2, "its rules had been written");
        assertEquals(Map.of(), filters(c), "the rollback took the rules away again");
    }

    @Test
    void startWritesTheRulesAgainThatAHostRebootLost() {
        Cloud c = VmFixtures.simulated(simulator, 1, 8, 16384, 10);
        String host = c.hostAddresses().get(0);
        String vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("rebooted"))).getString("resourceId");
        Map<String, Object> nic = nics(vm).get(0);
        assertEquals("Succeeded", act(vm, "stop"));
        simulator.dropNicFilters(host);

        simulator.failNext(host, SimulatorAction.ENSURE_NIC_FILTER, "simulated nft failure");
        assertEquals("RolledBack", act(vm, "start"));
        assertEquals(VmPowerState.Stopped, simulator.vmState(host, vm), "not started without its rules");
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Stopped"));

        assertEquals("Succeeded", act(vm, "start"));
        assertEquals(VmPowerState.Running, simulator.vmState(host, vm));
        assertEquals(nic.get("ip"), filters(c).get(device(nic)).ip());
    }

    @Test
    void aDestroyWhoseRulesCannotBeRemovedFailsAndARetryFinishesIt() {
        Cloud c = VmFixtures.simulated(simulator, 1, 8, 16384, 10);
        String host = c.hostAddresses().get(0);
        String vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("sticky"))).getString("resourceId");
        String device = device(nics(vm).get(0));

        simulator.failNext(host, SimulatorAction.REMOVE_NIC_FILTER, "simulated nft failure");
        JsonPath failed = destroy(vm);
        assertEquals("RolledBack", failed.getString("state"), failed.prettify());
        assertTrue(failed.getString("error").contains("simulated nft failure"), failed.getString("error"));
        assertFalse(simulator.vmIds(host).contains(vm), "the domain went first");
        assertTrue(filters(c).containsKey(device), "its rules are still there");

        assertEquals("Succeeded", destroy(vm).getString("state"));
        assertFalse(filters(c).containsKey(device));
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("state", is("Destroyed"));
    }
}
