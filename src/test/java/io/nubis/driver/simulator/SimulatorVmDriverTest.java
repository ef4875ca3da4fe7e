package io.nubis.driver.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.DataDisk;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.VmPowerState;
import io.nubis.driver.VmSpec;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator keeps the VM semantics of the KVM driver (see KvmVmDriverTest for the same cases on a real host). */
@QuarkusTest
class SimulatorVmDriverTest {

    static final String NIC_ID = "5a1e0000-0000-4000-8000-000000000001";

    @Inject
    SimulatorVmDriver driver;
    @Inject
    SimulatorControl control;

    private HostEndpoint host;
    private String address;

    @BeforeEach
    void newHost() {
        address = "sim-vm-" + UUID.randomUUID();
        host = new HostEndpoint(UUID.randomUUID().toString(), address, 22, "root");
    }

    static VmSpec spec(String vmId) {
        return new VmSpec(vmId, "web-1", 1, 128, "/var/lib/nubis/" + vmId + ".qcow2",
                List.of(new VmSpec.Nic(NIC_ID, "52:54:00:00:00:01", "nbr0")),
                "/var/lib/nubis/" + vmId + ".log");
    }

    @Test
    void lifecycleKeepsTheKvmSemantics() throws Exception {
        String vm = UUID.randomUUID().toString();
        driver.createAndStart(host, spec(vm));
        assertEquals(Map.of(vm, VmPowerState.Running), driver.list(host));
        assertEquals(1, control.vmBoots(address, vm));
        driver.createAndStart(host, spec(vm));
        assertEquals(1, control.vmBoots(address, vm), "createAndStart of a running VM is a no-op");

        driver.stop(host, vm, Duration.ofSeconds(5));
        assertEquals(VmPowerState.Stopped, driver.list(host).get(vm));
        driver.stop(host, vm, Duration.ofSeconds(5));
        assertThrows(DriverException.class, () -> driver.reboot(host, vm), "reboot of a stopped VM");

        driver.start(host, vm);
        driver.start(host, vm);
        assertEquals(2, control.vmBoots(address, vm));
        driver.reboot(host, vm);
        assertEquals(3, control.vmBoots(address, vm));

        driver.destroy(host, vm);
        assertTrue(driver.list(host).isEmpty());
        driver.destroy(host, vm);
        assertNull(control.vmState(address, vm));
    }

    /**
     * A create is one guarded write when it succeeds (issue 7); a machine that does not answer, a scripted failure and
     * "fail the Nth call" still fail it, write nothing, and each call is counted once.
     */
    @Test
    void aCreateThatIsOneWriteStillFailsAsScripted() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        control.failNth(address, SimulatorAction.VM_CREATE, 2, "simulated: second create refused");
        driver.createAndStart(host, spec(first));
        DriverException refused = assertThrows(DriverException.class, () -> driver.createAndStart(host, spec(second)));
        assertEquals("simulated: second create refused", refused.getMessage());
        assertEquals(Map.of(first, VmPowerState.Running), driver.list(host));

        control.failNext(address, SimulatorAction.VM_CREATE, "simulated: refused");
        assertThrows(DriverException.class, () -> driver.createAndStart(host, spec(second)));
        control.setReachable(address, false);
        assertThrows(DriverException.class, () -> driver.createAndStart(host, spec(second)));
        control.setReachable(address, true);
        assertEquals(Map.of(first, VmPowerState.Running), driver.list(host));
        assertEquals(4, control.calls(address, SimulatorAction.VM_CREATE));

        driver.createAndStart(host, spec(second));
        assertEquals(VmPowerState.Running, driver.list(host).get(second));
        assertEquals(5, control.calls(address, SimulatorAction.VM_CREATE));
    }

    @Test
    void createAndStartOfAStoppedVmStartsItAndResumesAPausedOne() throws Exception {
        String vm = UUID.randomUUID().toString();
        driver.createAndStart(host, spec(vm));
        control.killVm(address, vm);
        assertEquals(VmPowerState.Stopped, driver.list(host).get(vm), "a killed VM lists as stopped");
        driver.createAndStart(host, spec(vm));
        assertEquals(VmPowerState.Running, control.vmState(address, vm));
        assertEquals(2, control.vmBoots(address, vm));
        control.setVmState(address, vm, VmPowerState.Paused);
        driver.start(host, vm);
        assertEquals(VmPowerState.Running, control.vmState(address, vm));
        assertEquals(2, control.vmBoots(address, vm), "resume is no boot");
    }

    @Test
    void unknownVmsFailExceptStopAndDestroy() throws Exception {
        String vm = UUID.randomUUID().toString();
        // a host that lost the domain (a reboot): stop and destroy succeed, nothing runs
        driver.stop(host, vm, Duration.ZERO);
        for (var call : List.<Call>of(() -> driver.start(host, vm), () -> driver.reboot(host, vm))) {
            DriverException e = assertThrows(DriverException.class, call::run);
            assertTrue(e.getMessage().contains("not defined on host " + address), e.getMessage());
        }
        driver.destroy(host, vm);
        assertThrows(DriverException.class, () -> driver.start(host, "x; reboot"));
    }

    @Test
    void scriptedFailuresLeaveNothingBehind() throws Exception {
        String vm = UUID.randomUUID().toString();
        control.failNext(address, SimulatorAction.VM_CREATE, "qemu: cannot allocate memory");
        DriverException e = assertThrows(DriverException.class, () -> driver.createAndStart(host, spec(vm)));
        assertEquals("qemu: cannot allocate memory", e.getMessage());
        assertTrue(driver.list(host).isEmpty());

        driver.createAndStart(host, spec(vm));
        for (SimulatorAction a : List.of(SimulatorAction.VM_STOP, SimulatorAction.VM_REBOOT,
                SimulatorAction.VM_DESTROY, SimulatorAction.VM_LIST, SimulatorAction.VM_START)) {
            control.failNext(address, a, "scripted " + a);
        }
        assertThrows(DriverException.class, () -> driver.stop(host, vm, Duration.ZERO));
        assertEquals(VmPowerState.Running, control.vmState(address, vm));
        assertThrows(DriverException.class, () -> driver.reboot(host, vm));
        assertEquals(1, control.vmBoots(address, vm));
        assertThrows(DriverException.class, () -> driver.destroy(host, vm));
        assertThrows(DriverException.class, () -> driver.list(host));
        assertEquals(VmPowerState.Running, driver.list(host).get(vm));
        driver.stop(host, vm, Duration.ZERO);
        assertThrows(DriverException.class, () -> driver.start(host, vm));
        assertEquals(VmPowerState.Stopped, control.vmState(address, vm));
        assertEquals(1, control.calls(address, SimulatorAction.VM_START));
        driver.start(host, vm);
        assertEquals(VmPowerState.Running, control.vmState(address, vm));
    }

    @Test
    void badSpecsAndUnreachableHostsFail() throws Exception {
        String vm = UUID.randomUUID().toString();
        VmSpec bad = new VmSpec(vm, "a", 1, 128, "/var/lib/nubis/a.qcow2",
                List.of(new VmSpec.Nic(NIC_ID, "52:54:00:00:00:0G", "nbr0")),
                "/var/lib/nubis/a.log");
        DriverException e = assertThrows(DriverException.class, () -> driver.createAndStart(host, bad));
        assertTrue(e.getMessage().contains("MAC"), e.getMessage());
        assertFalse(control.vmIds(address).contains(vm));

        driver.createAndStart(host, spec(vm));
        control.setReachable(address, false);
        DriverException down = assertThrows(DriverException.class, () -> driver.list(host));
        assertTrue(down.getMessage().contains(address), down.getMessage());
        control.setReachable(address, true);
        assertEquals(spec(vm), control.vmSpec(address, vm));
    }

    @FunctionalInterface
    interface Call {

        void run() throws Exception;
    }

    /** Data disks as on KVM (KvmVmDriverTest): in the definition, idempotent, a taken device refused, detached. */
    @Test
    void dataDisksAreAttachedToTheDefinitionAndDetached() throws Exception {
        String vm = UUID.randomUUID().toString();
        DataDisk disk = new DataDisk("/var/lib/nubis/data-" + vm + ".qcow2", 1);
        driver.attachDisk(host, vm, disk); // not defined: success, its next definition has it
        driver.createAndStart(host, spec(vm));
        driver.attachDisk(host, vm, disk);
        driver.attachDisk(host, vm, disk);
        assertEquals(List.of(disk), control.vmSpec(address, vm).dataDisks());
        DriverException taken = assertThrows(DriverException.class,
                () -> driver.attachDisk(host, vm, new DataDisk("/var/lib/nubis/other.qcow2", 1)));
        assertTrue(taken.getMessage().contains("device vdb"), taken.getMessage());
        assertThrows(DriverException.class, () -> driver.attachDisk(host, vm, new DataDisk("/a/../b", 2)));
        driver.detachDisk(host, vm, disk);
        driver.detachDisk(host, vm, disk);
        assertEquals(List.of(), control.vmSpec(address, vm).dataDisks());
    }
}
