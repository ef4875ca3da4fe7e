package io.nubis.driver.simulator;

import io.nubis.driver.DataDisk;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;

/**
 * {@link VmDriver} over simulated hosts ({@link DomainStore}), keeping the semantics the KVM driver keeps:
 * <ul>
 * <li>a bad spec is refused ({@link VmSpecRules}) before anything is defined, and a failing createAndStart (scripted
 * with {@link SimulatorAction#VM_CREATE}) leaves no VM behind;</li>
 * <li>createAndStart of a defined VM keeps its definition and starts it if needed (a paused one resumes); start of a
 * running VM, stop of a stopped one and destroy of an unknown one succeed;</li>
 * <li>start, stop and reboot of a VM not defined on the host fail ("not defined on host"); reboot of a VM that is not
 * running fails;</li>
 * <li>list shows every defined VM with its power state, including VMs a test killed behind Nubis's back
 * ({@link SimulatorControl#killVm});</li>
 * <li>VMs stay defined, in their power state, across restarts of the management server (a real host does not notice
 * that the server restarted).</li>
 * </ul>
 * Each call takes {@code nubis.simulator.latency}; the grace time of stop is not waited for.
 */
@ApplicationScoped
public class SimulatorVmDriver implements VmDriver {

    @Inject
    CallGate gate;
    @Inject
    DomainStore domains;
    @Inject
    FileStore files;

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
        gate.enterWriting(host.address(), SimulatorAction.VM_CREATE,
                (call, guarded) -> domains.defineAndRun(call, spec, guarded));
    }

    @Override
    public void start(HostEndpoint host, String vmId) throws DriverException {
        Call call = gate.enter(host.address(), SimulatorAction.VM_START).call();
        requireId(host, vmId);
        if (!domains.run(call, vmId)) {
            throw notDefined(host, vmId);
        }
    }

    @Override
    public void stop(HostEndpoint host, String vmId, Duration grace) throws DriverException {
        Call call = gate.enter(host.address(), SimulatorAction.VM_STOP).call();
        requireId(host, vmId);
        // an undefined domain (the host lost it) is not running: success, as the contract says
        domains.stop(call, vmId);
    }

    @Override
    public void reboot(HostEndpoint host, String vmId) throws DriverException {
        Call call = gate.enter(host.address(), SimulatorAction.VM_REBOOT).call();
        requireId(host, vmId);
        if (!domains.reboot(call, vmId)) {
            VmPowerState state = domains.get(call, vmId).orElseThrow(() -> notDefined(host, vmId)).state();
            throw new DriverException("VM nubis-" + vmId + " on host " + host.address() + " is "
                    + state.name().toLowerCase(Locale.ROOT) + ": only a running VM can be rebooted");
        }
    }

    @Override
    public void destroy(HostEndpoint host, String vmId) throws DriverException {
        requireId(host, vmId);
        domains.undefine(gate.enter(host.address(), SimulatorAction.VM_DESTROY).call(), vmId);
    }

    @Override
    public void migrate(HostEndpoint source, HostEndpoint target, String vmId) throws DriverException {
        requireId(source, vmId);
        Call from = gate.enter(source.address(), SimulatorAction.VM_MIGRATE).call();
        Call to = gate.enter(target.address(), SimulatorAction.VM_MIGRATE).call();
        java.util.Optional<DomainStore.Domain> there = domains.get(from, vmId);
        if (there.isEmpty()) {
            if (domains.get(to, vmId).filter(d -> d.state() == io.nubis.driver.VmPowerState.Running).isPresent()) {
                return; // moved already
            }
            throw notDefined(source, vmId);
        }
        if (there.get().state() != io.nubis.driver.VmPowerState.Running) {
            throw new DriverException("VM " + vmId + " is not running on host " + source.address());
        }
        domains.defineAndRun(to, there.get().spec(), false);
        domains.undefine(from, vmId);
    }

    @Override
    public void attachDisk(HostEndpoint host, String vmId, DataDisk disk) throws DriverException {
        changeDisks(host, vmId, disk, SimulatorAction.VM_ATTACH_DISK, true);
    }

    @Override
    public void detachDisk(HostEndpoint host, String vmId, DataDisk disk) throws DriverException {
        changeDisks(host, vmId, disk, SimulatorAction.VM_DETACH_DISK, false);
    }

    /**
     * Adds the disk to (or removes it from) the defined VM's spec; an undefined VM is success, as the contract says.
     */
    private void changeDisks(HostEndpoint host, String vmId, DataDisk disk, SimulatorAction action, boolean attach)
            throws DriverException {
        requireId(host, vmId);
        try {
            VmSpecRules.checkDisk(disk);
        } catch (IllegalArgumentException e) {
            throw new DriverException("invalid data disk for host " + host.address() + ": " + e.getMessage());
        }
        Call call = gate.enter(host.address(), action, disk.path()).call();
        Optional<DomainStore.Domain> domain = domains.get(call, vmId);
        if (domain.isEmpty()) {
            return;
        }
        VmSpec spec = domain.get().spec();
        List<DataDisk> disks = new ArrayList<>(VmSpecRules.dataDisks(spec));
        Optional<DataDisk> there = disks.stream().filter(d -> d.deviceIndex() == disk.deviceIndex()).findFirst();
        if (there.isPresent() && !there.get().path().equals(disk.path())) {
            throw new DriverException("device " + disk.target() + " of nubis-" + vmId + " on host " + host.address()
                    + " is " + there.get().path() + ", not " + disk.path());
        }
        if (attach == there.isPresent()) {
            return;
        }
        if (attach) {
            disks.add(disk);
        } else {
            disks.remove(there.get());
        }
        domains.setSpec(call, new VmSpec(spec.vmId(), spec.title(), spec.cpus(), spec.memoryMib(),
                spec.rootVolumePath(), spec.nics(), spec.consoleLogPath(), List.copyOf(disks), spec.cdromPath(),
                spec.configDrive()));
    }

    /** The ISO goes into (or out of) the defined VM's spec; an undefined VM is success, as the contract says. */
    @Override
    public void changeMedia(HostEndpoint host, String vmId, String isoPath) throws DriverException {
        requireId(host, vmId);
        if (isoPath != null) {
            try {
                VmSpecRules.checkIsoPath(isoPath);
            } catch (IllegalArgumentException e) {
                throw new DriverException("invalid ISO for host " + host.address() + ": " + e.getMessage());
            }
        }
        Call call = gate.enter(host.address(), SimulatorAction.VM_CHANGE_MEDIA).call();
        Optional<DomainStore.Domain> domain = domains.get(call, vmId);
        if (domain.isEmpty()) {
            return;
        }
        VmSpec spec = domain.get().spec();
        domains.setSpec(call, new VmSpec(spec.vmId(), spec.title(), spec.cpus(), spec.memoryMib(),
                spec.rootVolumePath(), spec.nics(), spec.consoleLogPath(), spec.dataDisks(), isoPath,
                spec.configDrive()));
    }

    /** Simulated hosts run no guests, so there is no screen to show: a clear error, never a fake picture. */
    @Override
    public io.nubis.driver.ConsoleStream openConsole(HostEndpoint host, String vmId) throws DriverException {
        requireId(host, vmId);
        gate.enter(host.address(), SimulatorAction.VM_CONSOLE).call();
        throw new DriverException("simulated host " + host.address() + " runs no guests: it has no graphical console");
    }

    /** The simulated VM's "serial output": a line per boot the simulator counted (empty for an unknown VM). */
    @Override
    public String consoleLog(HostEndpoint host, String consoleLogPath, int maxBytes) throws DriverException {
        Call call = gate.enter(host.address(), SimulatorAction.VM_CONSOLE).call();
        String vmId = consoleLogPath.replaceAll(".*/", "").replaceAll("\\.log$", "");
        Optional<DomainStore.Domain> d = domains.get(call, vmId);
        if (d.isEmpty()) {
            return "";
        }
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= d.get().boots(); i++) {
            log.append("[simulator] nubis-").append(vmId).append(" boot ").append(i).append('\n');
        }
        String text = log.toString();
        return text.length() > maxBytes ? text.substring(text.length() - maxBytes) : text;
    }

    @Override
    public boolean growDisk(HostEndpoint host, String vmId, String target, String path, long sizeBytes)
            throws DriverException {
        requireId(host, vmId);
        Call call = gate.enter(host.address(), SimulatorAction.VM_GROW_DISK, path).call();
        Optional<DomainStore.Domain> domain = domains.get(call, vmId);
        if (domain.isEmpty() || domain.get().state() != VmPowerState.Running) {
            return false;
        }
        SimulatedFile f = files.get(call, path)
                .orElseThrow(() -> new DriverException("disk " + path + " is missing on " + host.address()));
        if (f.virtualSizeBytes() < sizeBytes) {
            files.put(call, path, new SimulatedFile(f.content(), f.sizeBytes(), f.sha256(), f.format(), sizeBytes,
                    f.backingFile()));
        }
        return true;
    }

    @Override
    public Map<String, VmPowerState> list(HostEndpoint host) throws DriverException {
        return domains.states(gate.enter(host.address(), SimulatorAction.VM_LIST).call());
    }

    private static DriverException notDefined(HostEndpoint host, String vmId) {
        return new DriverException("VM nubis-" + vmId + " is not defined on host " + host.address());
    }

    private static void requireId(HostEndpoint host, String vmId) throws DriverException {
        if (!Ids.isValid(vmId)) {
            throw new DriverException("VM id is not a lower-case UUID: " + vmId + " (host " + host.address() + ")");
        }
    }
}
