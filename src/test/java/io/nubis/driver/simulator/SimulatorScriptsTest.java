package io.nubis.driver.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.nubis.driver.BackupStorageDrivers;
import io.nubis.driver.BridgeSpec;
import io.nubis.driver.DhcpSpec;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.HostFacts;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scripted failures of the simulator (issue 7, part 2: "fail the Nth call of this kind"), kept in the database: exact
 * call numbers, the failNext queue, per machine and action, across servers and under concurrency; and resetting a
 * machine.
 */
@QuarkusTest
class SimulatorScriptsTest {

    @Inject
    SimulatorControl control;
    @Inject
    SimulatorVmDriver vms;
    @Inject
    SimulatorHostDriver hosts;
    @Inject
    SimulatorNetworkDriver networks;
    @Inject
    @DataSource("simulator")
    AgroalDataSource dataSource;
    @Inject
    SimulatorConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    BackupStorageDrivers backupStorages;

    private String address;
    private HostEndpoint host;
    private ExecutorService pool;

    @BeforeEach
    void newMachine() {
        address = "sim-script-" + UUID.randomUUID();
        host = new HostEndpoint(UUID.randomUUID().toString(), address, 22, "root");
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void failNthFailsExactlyTheNthCallFromNow() throws Exception {
        for (int i = 0; i < 5; i++) {
            vms.list(host); // calls before the script do not count
        }
        control.failNth(address, SimulatorAction.VM_LIST, 3, "the third list fails");
        assertEquals(List.of("ok", "ok", "the third list fails", "ok", "ok"), outcomes(5));
        control.failNth(address, SimulatorAction.VM_LIST, 1, "now the next one");
        assertEquals(List.of("now the next one", "ok"), outcomes(2));
    }

    @Test
    void failNextQueuesOnTheNextCallsNotScriptedYet() throws Exception {
        control.failNth(address, SimulatorAction.VM_LIST, 2, "second");
        control.failNext(address, SimulatorAction.VM_LIST, "a");
        control.failNext(address, SimulatorAction.VM_LIST, "b");
        control.failNth(address, SimulatorAction.VM_LIST, 5, "fifth");
        assertEquals(List.of("a", "second", "b", "ok", "fifth", "ok"), outcomes(6));
    }

    @Test
    void aCallScriptedAlreadyOrANumberBelowOneIsRefused() {
        control.failNext(address, SimulatorAction.VM_LIST, "next");
        assertThrows(IllegalArgumentException.class,
                () -> control.failNth(address, SimulatorAction.VM_LIST, 1, "again"));
        assertThrows(IllegalArgumentException.class,
                () -> control.failNth(address, SimulatorAction.VM_LIST, 0, "zero"));
        control.failNth(address, SimulatorAction.VM_LIST, 2, "second");
        assertThrows(IllegalArgumentException.class,
                () -> control.failNth(address, SimulatorAction.VM_LIST, 2, "second again"));
    }

    @Test
    void aScriptCountsOnlyCallsOfItsActionOnItsMachine() throws Exception {
        String other = "sim-script-other-" + UUID.randomUUID();
        HostEndpoint otherHost = new HostEndpoint(UUID.randomUUID().toString(), other, 22, "root");
        control.failNth(address, SimulatorAction.ENSURE_BRIDGE, 2, "the second bridge fails");
        networks.ensureBridge(otherHost, new BridgeSpec("nbr1", null));
        networks.ensureBridge(otherHost, new BridgeSpec("nbr2", null));
        vms.list(host);
        hosts.ping(host);
        networks.ensureBridge(host, new BridgeSpec("nbr1", null));
        DriverException e = assertThrows(DriverException.class,
                () -> networks.ensureBridge(host, new BridgeSpec("nbr2", null)));
        assertEquals("the second bridge fails", e.getMessage());
        assertEquals(Map.of("nbr1", new BridgeSpec("nbr1", null)), control.bridges(address),
                "the failed call changed nothing");
        assertEquals(2, control.bridges(other).size());
    }

    @Test
    void scriptsOutliveTheServersMemoryAndCountCallsOfEveryServer() throws Exception {
        SecondServer second = new SecondServer(dataSource, config, json, backupStorages);
        control.failNth(address, SimulatorAction.VM_LIST, 2, "second list, on whichever server");
        control.forgetServerMemory();
        second.vmDriver.list(host);
        DriverException e = assertThrows(DriverException.class, () -> vms.list(host));
        assertEquals("second list, on whichever server", e.getMessage());
        second.control.failNext(address, SimulatorAction.VM_LIST, "scripted on the second server");
        assertThrows(DriverException.class, () -> vms.list(host), "scripted on one server, failing on the other");
        vms.list(host);
    }

    @Test
    void concurrentCallsOnTwoServersFailExactlyTheScriptedOnes() throws Exception {
        SecondServer second = new SecondServer(dataSource, config, json, backupStorages);
        control.failNth(address, SimulatorAction.VM_LIST, 17, "seventeen");
        control.failNth(address, SimulatorAction.VM_LIST, 33, "thirty-three");
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            SimulatorVmDriver driver = i % 2 == 0 ? vms : second.vmDriver;
            calls.add(pool.submit(() -> outcome(driver)));
        }
        List<String> failures = new ArrayList<>();
        for (Future<String> f : calls) {
            if (!f.get().equals("ok")) {
                failures.add(f.get());
            }
        }
        Collections.sort(failures);
        assertEquals(List.of("seventeen", "thirty-three"), failures);
        assertEquals(List.of("ok"), outcomes(1), "no script left");
    }

    @Test
    void resetMachineGivesAFreshlyInstalledMachine() throws Exception {
        control.define(address, 4, 2048);
        String vm = UUID.randomUUID().toString();
        vms.createAndStart(host, SimulatorVmDriverTest.spec(vm));
        networks.ensureBridge(host, new BridgeSpec("nbr0", null));
        networks.ensureDhcp(host, new DhcpSpec("l3-a", "nbr0", "10.9.0.2", 24, null, List.of(), List.of()));
        assertEquals(4, hosts.connect(host).cpus());
        control.failNth(address, SimulatorAction.PING, 1, "scripted");
        control.setReachable(address, false);

        control.resetMachine(address);

        assertTrue(control.vmIds(address).isEmpty());
        assertTrue(control.bridges(address).isEmpty());
        assertTrue(control.dhcpNetworks(address).isEmpty());
        assertTrue(control.files(address).isEmpty());
        assertFalse(control.isConnected(address));
        assertEquals(0, control.calls(address, SimulatorAction.VM_CREATE));
        hosts.ping(host); // reachable again, and the script is gone
        HostFacts facts = hosts.connect(host);
        assertEquals(config.cpus(), facts.cpus());
        assertEquals(config.memoryMib(), facts.memoryMib());
        assertNull(control.vmState(address, vm));
    }

    private List<String> outcomes(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(outcome(vms));
        }
        return out;
    }

    private String outcome(SimulatorVmDriver driver) {
        try {
            driver.list(host);
            return "ok";
        } catch (DriverException e) {
            return e.getMessage();
        }
    }
}
