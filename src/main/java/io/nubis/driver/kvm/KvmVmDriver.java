package io.nubis.driver.kvm;

import io.nubis.driver.DataDisk;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.VmDriver;
import io.nubis.driver.VmPowerState;
import io.nubis.driver.VmSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@link VmDriver} for libvirt hosts over SSH: persistent domains named {@code nubis-<vm id>} (see {@link DomainXml}
 * for what they contain), driven with virsh (see {@link Virsh}). Every operation reads the domain's current state first
 * and does only what is missing, so each may be retried after a crash or a timeout.
 */
@ApplicationScoped
public class KvmVmDriver implements VmDriver {

    private static final Logger LOG = Logger.getLogger(KvmVmDriver.class);

    @Inject
    KvmMigration migration;
    @Inject
    Virsh virsh;
    @Inject
    KvmConfig config;
    @Inject
    KvmConfigDrives configDrives;
    @Inject
    KvmConsoles consoles;

    @Override
    public String type() {
        return KvmHostDriver.TYPE;
    }

    @Override
    public void createAndStart(HostEndpoint host, VmSpec spec) throws DriverException {
        String xml;
        try {
            xml = DomainXml.build(spec, config.domainType());
        } catch (IllegalArgumentException e) {
            throw new DriverException("invalid VM spec for host " + host.address() + ": " + e.getMessage());
        }
        String domain = DomainNames.of(spec.vmId());
        Optional<DomainState> existing = virsh.state(host, domain);
        if (existing.isPresent()) {
            ensureRunning(host, domain, existing.get());
            return;
        }
        try {
            virsh.mkdirParent(host, spec.consoleLogPath());
            configDrives.write(host, spec);
            virsh.define(host, domain, xml);
            start(host, domain, DomainState.SHUT_OFF);
        } catch (DriverException e) {
            removeAfterFailure(host, domain, e);
            removeConfigDrive(host, spec.vmId());
            throw e;
        }
    }

    @Override
    public void start(HostEndpoint host, String vmId) throws DriverException {
        String domain = domain(host, vmId);
        ensureRunning(host, domain, defined(host, domain));
    }

    /** A VM defined before consoles existed gets its VNC device at its next start ({@link DomainConsoleUpgrade}). */
    private void addConsoleIfMissing(HostEndpoint host, String domain) throws DriverException {
        String xml = virsh.require(host, "reading the definition of " + domain, "dumpxml", "--inactive", domain)
                .stdout();
        Optional<String> upgraded;
        try {
            upgraded = DomainConsoleUpgrade.withConsole(xml);
        } catch (IllegalArgumentException e) {
            throw new DriverException("the definition of " + domain + " on host " + host.address()
                    + " cannot be read: " + e.getMessage());
        }
        if (upgraded.isPresent()) {
            virsh.define(host, domain, upgraded.get());
            LOG.infof("%s on %s had no graphical console: added (VNC on the host's loopback)", domain,
                    host.address());
        }
    }

    @Override
    public void stop(HostEndpoint host, String vmId, Duration grace) throws DriverException {
        String domain = domain(host, vmId);
        java.util.Optional<DomainState> found = virsh.state(host, domain);
        if (found.isEmpty()) {
            return; // a host that rebooted lost the domain: nothing runs, which is what stop asks for
        }
        DomainState state = found.get();
        if (!state.active()) {
            return;
        }
        if ((state.guestRunning() || state == DomainState.IN_SHUTDOWN) && grace != null && !grace.isZero()
                && !grace.isNegative()) {
            if (state != DomainState.IN_SHUTDOWN) {
                ExecResult r = virsh.exec(host, config.commandTimeout(), "shutdown", "--mode", "acpi", domain);
                if (!r.ok() && !Virsh.notRunning(r)) {
                    LOG.infof("ACPI shutdown of %s on %s failed, powering it off: %s", domain, host.address(),
                            r.describe());
                }
            }
            if (awaitShutOff(host, domain, grace)) {
                return;
            }
        }
        powerOff(host, domain);
        DomainState after = defined(host, domain);
        if (after.active()) {
            throw new DriverException("VM " + domain + " on host " + host.address() + " is still " + after.text()
                    + " after virsh destroy");
        }
    }

    @Override
    public void reboot(HostEndpoint host, String vmId) throws DriverException {
        String domain = domain(host, vmId);
        DomainState state = defined(host, domain);
        if (!state.guestRunning()) {
            throw new DriverException("VM " + domain + " on host " + host.address() + " is " + state.text()
                    + ": only a running VM can be rebooted");
        }
        if (!virsh.rebootOrReset(host, domain, config.vmRebootGrace())) {
            LOG.infof("guest of %s on %s did not reboot within %s after the ACPI request: it was reset", domain,
                    host.address(), config.vmRebootGrace());
        }
    }

    @Override
    public void destroy(HostEndpoint host, String vmId) throws DriverException {
        String domain = domain(host, vmId);
        Optional<DomainState> state = virsh.state(host, domain);
        if (state.isPresent()) {
            if (state.get().active()) {
                powerOff(host, domain);
            }
            undefine(host, domain);
        }
        configDrives.remove(host, vmId);
    }

    /** After a failed create: the config drive goes too; a failure to remove it is logged (the create's error wins). */
    private void removeConfigDrive(HostEndpoint host, String vmId) {
        try {
            configDrives.remove(host, vmId);
        } catch (DriverException e) {
            LOG.infof("removing the config drive of %s on %s after a failed create failed: %s", vmId, host.address(),
                    e.getMessage());
        }
    }

    @Override
    public io.nubis.driver.ConsoleStream openConsole(HostEndpoint host, String vmId) throws DriverException {
        return consoles.open(host, vmId);
    }

    @Override
    public String consoleLog(HostEndpoint host, String consoleLogPath, int maxBytes) throws DriverException {
        return consoles.log(host, consoleLogPath, maxBytes);
    }

    @Override
    public Map<String, VmPowerState> list(HostEndpoint host) throws DriverException {
        Map<String, VmPowerState> vms = new LinkedHashMap<>();
        virsh.list(host).forEach((id, state) -> vms.put(id, state.power()));
        return vms;
    }

    /** Brings a defined domain from any state to running. */
    private void ensureRunning(HostEndpoint host, String domain, DomainState state) throws DriverException {
        switch (state) {
            case RUNNING, IDLE, BLOCKED, NO_STATE -> {
                // already running
            }
            case PAUSED -> virsh.require(host, "resuming " + domain, "resume", domain);
            case PMSUSPENDED -> virsh.require(host, "waking up " + domain, "dompmwakeup", domain);
            case IN_SHUTDOWN -> throw new DriverException("VM " + domain + " on host " + host.address()
                    + " is shutting down; start it again once it has stopped");
            case CRASHED -> {
                powerOff(host, domain);
                addConsoleIfMissing(host, domain);
                start(host, domain, DomainState.SHUT_OFF);
            }
            case SHUT_OFF -> {
                addConsoleIfMissing(host, domain);
                start(host, domain, state);
            }
            default -> throw new IllegalStateException("unhandled state " + state);
        }
    }

    private void start(HostEndpoint host, String domain, DomainState before) throws DriverException {
        ExecResult r = virsh.exec(host, config.vmStartTimeout(), "start", domain);
        if (r.ok()) {
            return;
        }
        if (Virsh.alreadyActive(r) && defined(host, domain).power() == VmPowerState.Running) {
            return; // started concurrently
        }
        throw new DriverException("starting " + domain + " (" + before.text() + ") on host " + host.address()
                + " failed: " + r.describe());
    }

    /** Powers the domain off (virsh destroy); a domain that is not running (any more) is fine. */
    private void powerOff(HostEndpoint host, String domain) throws DriverException {
        ExecResult r = virsh.exec(host, config.vmDestroyTimeout(), "destroy", domain);
        if (!r.ok() && !Virsh.notRunning(r) && !Virsh.notFound(r)) {
            throw new DriverException("powering off " + domain + " on host " + host.address() + " failed: "
                    + r.describe());
        }
    }

    /** Removes the definition; its disks stay. An already removed domain is fine. */
    private void undefine(HostEndpoint host, String domain) throws DriverException {
        ExecResult r = virsh.exec(host, config.commandTimeout(), "undefine", domain);
        if (!r.ok() && r.stderr().contains("nvram")) {
            r = virsh.exec(host, config.commandTimeout(), "undefine", "--nvram", domain);
        }
        if (!r.ok() && !Virsh.notFound(r)) {
            throw new DriverException("removing the definition of " + domain + " on host " + host.address()
                    + " failed: " + r.describe());
        }
    }

    /** After a failed create: power off and undefine what this call defined, keeping the original error. */
    private void removeAfterFailure(HostEndpoint host, String domain, DriverException cause)
            throws DriverException {
        try {
            powerOff(host, domain);
            undefine(host, domain);
        } catch (DriverException cleanup) {
            DriverException both = new DriverException(cause.getMessage()
                    + "; removing the definition again also failed: " + cleanup.getMessage(), cause);
            both.addSuppressed(cleanup);
            throw both;
        }
    }

    /** Waits until the domain is shut off (true) or the grace time is over (false). */
    private boolean awaitShutOff(HostEndpoint host, String domain, Duration grace) throws DriverException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (true) {
            Optional<DomainState> s = virsh.state(host, domain);
            if (s.isEmpty() || !s.get().active()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            sleep(Math.min(left / 1_000_000 + 1, config.vmStatePollInterval().toMillis()));
        }
    }

    @Override
    public void attachDisk(HostEndpoint host, String vmId, DataDisk disk) throws DriverException {
        String domain = domain(host, vmId);
        String xml = diskXml(host, disk);
        Optional<DomainState> state = virsh.state(host, domain);
        if (state.isEmpty()) {
            return; // its next definition is made from a spec that has the disk
        }
        if (!sameDisk(host, domain, disk, virsh.disks(host, domain, true))) {
            virsh.device(host, "attach-device", domain, xml, "--config");
        }
        if (state.get().active() && !sameDisk(host, domain, disk, virsh.disks(host, domain, false))) {
            virsh.device(host, "attach-device", domain, xml, "--live");
        }
    }

    @Override
    public void changeMedia(HostEndpoint host, String vmId, String isoPath) throws DriverException {
        String domain = domain(host, vmId);
        String drive;
        try {
            drive = DomainXml.cdrom(isoPath);
        } catch (IllegalArgumentException e) {
            throw new DriverException("invalid ISO for host " + host.address() + ": " + e.getMessage());
        }
        Optional<DomainState> state = virsh.state(host, domain);
        if (state.isEmpty()) {
            return;
        }
        boolean running = state.get().active();
        List<String> args = new java.util.ArrayList<>(List.of("change-media", domain, DomainXml.CDROM_TARGET));
        if (isoPath == null) {
            args.add("--eject");
        } else {
            args.addAll(List.of(isoPath, "--update"));
        }
        args.add("--config");
        if (running) {
            args.add("--live");
        }
        ExecResult r = virsh.exec(host, config.commandTimeout(), args.toArray(String[]::new));
        if (r.ok() || (isoPath == null && r.stderr().contains("doesn't have media"))) {
            return;
        }
        if (r.stderr().contains("No disk found") && !running) {
            // a VM defined before VMs had a CD-ROM drive: the drive goes into its definition
            virsh.device(host, "attach-device", domain, drive, "--config");
            return;
        }
        throw new DriverException((isoPath == null ? "ejecting the ISO of " : "inserting " + isoPath + " into ")
                + domain + " on host " + host.address() + " failed: " + r.describe());
    }

    @Override
    public void detachDisk(HostEndpoint host, String vmId, DataDisk disk) throws DriverException {
        String domain = domain(host, vmId);
        String xml = diskXml(host, disk);
        Optional<DomainState> state = virsh.state(host, domain);
        if (state.isEmpty()) {
            return;
        }
        if (sameDisk(host, domain, disk, virsh.disks(host, domain, true))) {
            virsh.device(host, "detach-device", domain, xml, "--config");
        }
        if (!state.get().active() || !sameDisk(host, domain, disk, virsh.disks(host, domain, false))) {
            return;
        }
        virsh.device(host, "detach-device", domain, xml, "--live");
        long deadline = System.nanoTime() + config.diskDetachTimeout().toNanos();
        while (sameDisk(host, domain, disk, virsh.disks(host, domain, false))) {
            if (System.nanoTime() > deadline) {
                throw new DriverException("the guest of " + domain + " on host " + host.address()
                        + " did not release disk " + disk.target() + " within " + config.diskDetachTimeout()
                        + "; it is out of the VM's definition and leaves the guest at its next stop",
                        "the VM's operating system did not release the disk; it is removed when the VM stops next");
            }
            sleep(config.vmStatePollInterval().toMillis());
        }
    }

    @Override
    public boolean growDisk(HostEndpoint host, String vmId, String target, String path, long sizeBytes)
            throws DriverException {
        String domain = domain(host, vmId);
        if (target == null || !target.matches("^vd[a-z]$")) {
            throw new DriverException("invalid disk target " + target + " for host " + host.address());
        }
        diskXml(host, new DataDisk(path, 1)); // checks the path like any disk's
        Optional<DomainState> state = virsh.state(host, domain);
        if (state.isEmpty() || !state.get().active()) {
            return false;
        }
        String there = virsh.disks(host, domain, false).get(target);
        if (!path.equals(there)) {
            throw new DriverException("device " + target + " of " + domain + " on host " + host.address() + " is "
                    + there + ", not " + path);
        }
        virsh.require(host, "growing " + target + " of " + domain, "blockresize", domain, target, "--size",
                sizeBytes + "B");
        return true;
    }

    /** Whether {@code disks} has {@code disk} at its device; another file there is an error. */
    private static boolean sameDisk(HostEndpoint host, String domain, DataDisk disk, Map<String, String> disks)
            throws DriverException {
        String there = disks.get(disk.target());
        if (there != null && !there.equals(disk.path())) {
            throw new DriverException("device " + disk.target() + " of " + domain + " on host " + host.address()
                    + " is " + there + ", not " + disk.path());
        }
        return there != null;
    }

    private static String diskXml(HostEndpoint host, DataDisk disk) throws DriverException {
        try {
            return DomainXml.disk(disk);
        } catch (IllegalArgumentException e) {
            throw new DriverException("invalid data disk for host " + host.address() + ": " + e.getMessage());
        }
    }

    @Override
    public void migrate(HostEndpoint source, HostEndpoint target, String vmId) throws DriverException {
        domain(source, vmId); // checks the id
        migration.migrate(source, target, vmId);
    }

    private DomainState defined(HostEndpoint host, String domain) throws DriverException {
        return virsh.state(host, domain).orElseThrow(
                () -> new DriverException("VM " + domain + " is not defined on host " + host.address()));
    }

    private static String domain(HostEndpoint host, String vmId) throws DriverException {
        try {
            return DomainNames.of(vmId);
        } catch (IllegalArgumentException e) {
            throw new DriverException(e.getMessage() + " (host " + host.address() + ")");
        }
    }

    private static void sleep(long millis) throws DriverException {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted while waiting for a VM to shut down");
        }
    }
}
