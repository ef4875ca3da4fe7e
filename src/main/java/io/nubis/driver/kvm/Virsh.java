package io.nubis.driver.kvm;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The virsh commands the VM driver runs on a host, each as an argument list ({@code env LC_ALL=C virsh -c <uri> ...},
 * so messages and states are untranslated), with its timeout from {@link KvmConfig}, and the few libvirt errors the
 * driver must tell apart (unknown domain, domain not running, domain already active).
 */
@ApplicationScoped
class Virsh {

    /**
     * Reboot with a fallback: listens for the domain's reboot event (qemu reset), asks the guest to reboot through
     * ACPI, and resets the VM when no reset happened within $3 seconds. Values only as positional arguments. The
     * listener gets half a second to register before the request is sent.
     */
    static final String REBOOT_SCRIPT = """
            uri=$1 dom=$2 wait=$3
            ( LC_ALL=C virsh -c "$uri" event --domain "$dom" --event reboot --timeout "$wait" \\
                | grep -q "event 'reboot'" ) >/dev/null 2>&1 &
            listener=$!
            sleep 0.5
            if ! LC_ALL=C virsh -c "$uri" reboot --mode acpi "$dom" >/dev/null; then
                kill "$listener" 2>/dev/null
                exit 3
            fi
            if wait "$listener"; then
                echo NUBIS-REBOOTED
                exit 0
            fi
            LC_ALL=C virsh -c "$uri" reset "$dom" >/dev/null || exit 4
            echo NUBIS-RESET
            """;

    @Inject
    SshPool ssh;
    @Inject
    KvmConfig config;

    /** Runs {@code virsh args...} and returns what it did, whatever the exit code. */
    ExecResult exec(HostEndpoint ep, Duration timeout, String... args) throws DriverException {
        return ssh.exec(ep, command(args).withTimeout(timeout));
    }

    /** Runs {@code virsh args...} with the default command timeout and fails unless it exits 0. */
    ExecResult require(HostEndpoint ep, String what, String... args) throws DriverException {
        return require(ep, what, exec(ep, config.commandTimeout(), args));
    }

    ExecResult require(HostEndpoint ep, String what, ExecResult r) throws DriverException {
        if (!r.ok()) {
            throw new DriverException(what + " on host " + ep.address() + " failed: " + r.describe());
        }
        return r;
    }

    RemoteCommand command(String... args) {
        List<String> argv = new ArrayList<>(List.of("env", "LC_ALL=C", "virsh", "-c", config.libvirtUri()));
        argv.addAll(List.of(args));
        return RemoteCommand.of(argv);
    }

    /** The domain's state, or empty when no domain of that name is defined. */
    Optional<DomainState> state(HostEndpoint ep, String domain) throws DriverException {
        ExecResult r = exec(ep, config.commandTimeout(), "domstate", domain);
        if (!r.ok()) {
            if (notFound(r)) {
                return Optional.empty();
            }
            throw new DriverException("reading the state of " + domain + " on host " + ep.address() + " failed: "
                    + r.describe());
        }
        try {
            return Optional.of(VirshOutput.parseDomstate(r.stdout()));
        } catch (IllegalArgumentException e) {
            throw new DriverException(e.getMessage() + " for " + domain + " on host " + ep.address());
        }
    }

    /** Every Nubis domain on the host with its state, by VM id. */
    Map<String, DomainState> list(HostEndpoint ep) throws DriverException {
        ExecResult r = require(ep, "listing the VMs", "list", "--all");
        try {
            return VirshOutput.parseList(r.stdout());
        } catch (IllegalArgumentException e) {
            throw new DriverException(e.getMessage() + " on host " + ep.address());
        }
    }

    /**
     * The domain's disks by target device ({@code vda} -> its source file): of its persistent definition when
     * {@code inactive}, else of the running domain.
     */
    Map<String, String> disks(HostEndpoint ep, String domain, boolean inactive) throws DriverException {
        ExecResult r = inactive
                ? require(ep, "listing the disks of " + domain, "domblklist", "--inactive", domain)
                : require(ep, "listing the disks of " + domain, "domblklist", domain);
        return VirshOutput.parseBlockList(r.stdout());
    }

    /**
     * {@code virsh attach-device} or {@code detach-device} ({@code verb}) of a device XML, for the persistent
     * definition ({@code --config}) or the running domain ({@code --live}); the XML goes through standard input.
     */
    void device(HostEndpoint ep, String verb, String domain, String xml, String scope) throws DriverException {
        RemoteCommand cmd = command(verb, domain, "/dev/stdin", scope)
                .withStdin(xml.getBytes(StandardCharsets.UTF_8)).withTimeout(config.commandTimeout());
        require(ep, verb + " " + scope + " on " + domain, ssh.exec(ep, cmd));
    }

    /** Defines (or redefines) a domain; the XML goes through standard input, never through the command line. */
    void define(HostEndpoint ep, String domain, String xml) throws DriverException {
        RemoteCommand cmd = command("define", "/dev/stdin").withStdin(xml.getBytes(StandardCharsets.UTF_8))
                .withTimeout(config.commandTimeout());
        require(ep, "defining " + domain, ssh.exec(ep, cmd));
    }

    /** Creates the directory that will hold {@code file} (virtlogd does not create it). */
    void mkdirParent(HostEndpoint ep, String file) throws DriverException {
        String dir = file.substring(0, file.lastIndexOf('/'));
        if (dir.isEmpty()) {
            return;
        }
        ExecResult r = ssh.exec(ep, RemoteCommand.of("mkdir", "-p", "--", dir));
        require(ep, "creating the console log folder " + dir, r);
    }

    /**
     * Reboots through ACPI, resetting the VM if its guest did not reset within {@code grace}. Returns true when the
     * guest rebooted by itself, false when it had to be reset.
     */
    boolean rebootOrReset(HostEndpoint ep, String domain, Duration grace) throws DriverException {
        long seconds = Math.max(1, grace.toSeconds());
        RemoteCommand cmd = RemoteCommand
                .of("sh", "-c", REBOOT_SCRIPT, "nubis-reboot", config.libvirtUri(), domain, Long.toString(seconds))
                .withTimeout(grace.plus(config.vmDestroyTimeout()).plusSeconds(5));
        ExecResult r = require(ep, "rebooting " + domain, ssh.exec(ep, cmd));
        return r.stdout().contains("NUBIS-REBOOTED");
    }

    /** libvirt has no domain of that name. */
    static boolean notFound(ExecResult r) {
        return r.stderr().contains("failed to get domain") || r.stderr().contains("Domain not found");
    }

    /** The operation needs a running domain and this one is not. */
    static boolean notRunning(ExecResult r) {
        return r.stderr().contains("domain is not running");
    }

    /** The domain was started already. */
    static boolean alreadyActive(ExecResult r) {
        return r.stderr().contains("already active") || r.stderr().contains("already running");
    }
}
