package io.nubis.driver.simulator;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.VmDriver;
import io.nubis.driver.VmPowerState;
import io.nubis.driver.VmSpec;
import io.nubis.driver.VmSpecRules;
import io.nubis.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link VmDriver} over in-memory hosts, keeping the semantics the KVM driver keeps:
 * <ul>
 * <li>a bad spec is refused ({@link VmSpecRules}) before anything is defined, and a failing createAndStart (scripted
 * with {@link SimulatorAction#VM_CREATE}) leaves no VM behind;</li>
 * <li>createAndStart of a defined VM starts it if needed; start of a running VM, stop of a stopped one and destroy of
 * an unknown one succeed;</li>
 * <li>start, stop and reboot of a VM not defined on the host fail ("not defined on host"); reboot of a VM that is not
 * running fails;</li>
 * <li>list shows every defined VM with its power state, including VMs a test killed behind Nubis's back
 * ({@link SimulatorControl#killVm}).</li>
 * </ul>
 * Each call takes {@code nubis.simulator.latency}; the grace time of stop is not waited for.
 */
@ApplicationScoped
public class SimulatorVmDriver implements VmDriver {

    @Inject
    SimulatorControl control;
    @Inject
    SimulatorConfig config;

    @Override
    public String type() {
        return SimulatorHostDriver.TYPE;
    }

    @Override
    public void createAndStart(HostEndpoint host, VmSpec spec) throws DriverException {
        try {
            VmSpecRules.check(spec);
        } catch (IllegalArgumentException e) {
            throw new DriverException("invalid VM spec for host " + host.address() + ": " + e.getMessage());
        }
        SimulatedHost h = call(host, SimulatorAction.VM_CREATE);
        h.vms.computeIfAbsent(spec.vmId(), id -> new SimulatedVm(spec)).ensureRunning();
    }

    @Override
    public void start(HostEndpoint host, String vmId) throws DriverException {
        defined(call(host, SimulatorAction.VM_START), host, vmId).ensureRunning();
    }

    @Override
    public void stop(HostEndpoint host, String vmId, Duration grace) throws DriverException {
        defined(call(host, SimulatorAction.VM_STOP), host, vmId).state = VmPowerState.Stopped;
    }

    @Override
    public void reboot(HostEndpoint host, String vmId) throws DriverException {
        SimulatedVm vm = defined(call(host, SimulatorAction.VM_REBOOT), host, vmId);
        synchronized (vm) {
            if (vm.state != VmPowerState.Running) {
                throw new DriverException("VM nubis-" + vmId + " on host " + host.address() + " is "
                        + vm.state.name().toLowerCase() + ": only a running VM can be rebooted");
            }
            vm.boot();
        }
    }

    @Override
    public void destroy(HostEndpoint host, String vmId) throws DriverException {
        requireId(host, vmId);
        call(host, SimulatorAction.VM_DESTROY).vms.remove(vmId);
    }

    @Override
    public Map<String, VmPowerState> list(HostEndpoint host) throws DriverException {
        Map<String, VmPowerState> vms = new TreeMap<>();
        call(host, SimulatorAction.VM_LIST).vms.forEach((id, vm) -> vms.put(id, vm.state));
        return vms;
    }

    private static SimulatedVm defined(SimulatedHost h, HostEndpoint host, String vmId) throws DriverException {
        requireId(host, vmId);
        SimulatedVm vm = h.vms.get(vmId);
        if (vm == null) {
            throw new DriverException("VM nubis-" + vmId + " is not defined on host " + host.address());
        }
        return vm;
    }

    private static void requireId(HostEndpoint host, String vmId) throws DriverException {
        if (!Ids.isValid(vmId)) {
            throw new DriverException("VM id is not a lower-case UUID: " + vmId + " (host " + host.address() + ")");
        }
    }

    /** Latency, then a scripted failure or an unreachable host, like every simulated call. */
    private SimulatedHost call(HostEndpoint endpoint, SimulatorAction action) throws DriverException {
        SimulatedHost h = control.host(endpoint.address());
        sleep();
        String scripted = h.onCall(action);
        if (scripted != null) {
            throw new DriverException(scripted);
        }
        if (!h.reachable) {
            throw new DriverException("host " + endpoint.address() + " does not answer");
        }
        return h;
    }

    private void sleep() throws DriverException {
        long ms = config.latency().toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriverException("interrupted");
            }
        }
    }
}
