package io.nubis.driver.kvm;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.HostFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a host's capacity and versions: CPUs, memory, CPU model, libvirt and OS versions. */
@ApplicationScoped
class KvmFacts {

    private static final Pattern MEM_TOTAL = Pattern.compile("(?m)^MemTotal:\\s+(\\d+) kB");
    private static final Pattern MODEL = Pattern.compile("(?m)^model name\\s*:\\s*(.+)$");
    private static final Pattern LIBVIRT = Pattern.compile("(?m)^Using library: (.+)$");
    private static final Pattern HYPERVISOR = Pattern.compile("(?m)^Running hypervisor: (.+)$");
    private static final Pattern PRETTY = Pattern.compile("(?m)^PRETTY_NAME=\"?([^\"\\n]*)\"?$");

    @Inject
    SshPool ssh;
    @Inject
    KvmConfig config;

    HostFacts read(HostEndpoint ep, String fingerprint) throws DriverException {
        int cpus = parseInt(run(ep, RemoteCommand.of("nproc")).strip(), "nproc", ep);
        String meminfo = run(ep, RemoteCommand.of("cat", "/proc/meminfo"));
        long memKb = Long.parseLong(find(MEM_TOTAL, meminfo, "MemTotal in /proc/meminfo", ep));
        String cpuinfo = run(ep, RemoteCommand.of("cat", "/proc/cpuinfo"));
        String model = optional(MODEL, cpuinfo, "unknown CPU");
        String version = run(ep, RemoteCommand.of("virsh", "-c", config.libvirtUri(), "version"));
        String hypervisor = optional(LIBVIRT, version, "libvirt ?") + ", "
                + optional(HYPERVISOR, version, "no hypervisor");
        String os = optional(PRETTY, run(ep, RemoteCommand.of("cat", "/etc/os-release")), "unknown OS");
        return new HostFacts(cpus, memKb / 1024, model.strip(), hypervisor, os, fingerprint, vlan(ep), nfsMode(ep));
    }

    /**
     * How the host can reach NFS storage: {@code network} when qemu has its nfs block driver and python3 loads libnfs,
     * {@code mount} when the kernel has an NFS client and {@code mount.nfs} exists, both, or {@code none}.
     */
    private String nfsMode(HostEndpoint ep) throws DriverException {
        String out = ssh.exec(ep, RemoteCommand.of("sh", "-c", NFS_PROBE)).stdout().strip();
        return out.isEmpty() ? "none" : out;
    }

    static final String NFS_PROBE = """
            PATH="$PATH:/usr/sbin:/sbin"
            n=""; m=""; q=""
            for f in /usr/lib/*/qemu/block-nfs.so /usr/lib/qemu/block-nfs.so; do [ -e "$f" ] && q=1; done
            if [ -n "$q" ] && python3 -c 'import ctypes; ctypes.CDLL("libnfs.so.13")' >/dev/null 2>&1; then
              n=network
            fi
            if grep -qw nfs /proc/filesystems 2>/dev/null && command -v mount.nfs >/dev/null 2>&1; then m=mount; fi
            if [ -n "$n" ] && [ -n "$m" ]; then echo network+mount; else echo "$n$m"; fi
            """;

    /**
     * Whether the kernel makes 802.1Q interfaces: a veth pair and a VLAN on it, in a network namespace of their own
     * that ends with the command ({@code unshare -n}), so the probe leaves nothing behind. "Unknown device type" (no
     * 8021q) or any other failure: false.
     */
    private boolean vlan(HostEndpoint ep) throws DriverException {
        return ssh.exec(ep, RemoteCommand.of("unshare", "-n", "sh", "-c", VLAN_PROBE)).ok();
    }

    static final String VLAN_PROBE = "ip link add name nbp0 type veth peer name nbp1"
            + " && ip link add link nbp0 name nbp0.2 type vlan id 2";

    private String run(HostEndpoint ep, RemoteCommand cmd) throws DriverException {
        ExecResult r = ssh.exec(ep, cmd);
        if (!r.ok()) {
            throw new DriverException("reading facts of " + ep.address() + " failed: " + r.describe());
        }
        return r.stdout();
    }

    private static String find(Pattern p, String text, String what, HostEndpoint ep) throws DriverException {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new DriverException("cannot read " + what + " on " + ep.address());
        }
        return m.group(1);
    }

    private static String optional(Pattern p, String text, String fallback) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1).strip() : fallback;
    }

    private static int parseInt(String s, String what, HostEndpoint ep) throws DriverException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new DriverException("cannot read the CPU count (" + what + ") on " + ep.address() + ": " + s);
        }
    }
}
