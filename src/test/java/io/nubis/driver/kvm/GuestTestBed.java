package io.nubis.driver.kvm;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostCredentials;
import io.nubis.driver.HostEndpoint;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a real guest needs on a test host, made over SSH the way dev/testbed/smoke does it: a folder of this test run
 * (under /var/lib/nubis-vmdrv-test on this machine's file system, which the hosts share), a copy of the guest image,
 * linked clones of it, a bridge with a unique name and an address in a free /24, and a dnsmasq on it with one static
 * lease. {@link #close()} removes all of it.
 */
final class GuestTestBed implements AutoCloseable {

    static final String ROOT = "/var/lib/nubis-vmdrv-test";
    static final String GUEST_MAC = "52:54:00:7d:00:32";

    private static final String NETWORK_SCRIPT = """
            set -e
            dir=$1 bridge=$2 net=$3 mac=$4
            ip link add "$bridge" type bridge
            ip addr add "$net.1/24" dev "$bridge"
            ip link set "$bridge" up
            dnsmasq --conf-file=/dev/null --no-resolv --no-hosts --port=0 --bind-interfaces \\
                --interface="$bridge" --except-interface=lo --dhcp-authoritative \\
                --dhcp-range="$net.100,$net.200,255.255.255.0,1h" --dhcp-host="$mac,$net.50" \\
                --dhcp-leasefile="$dir/leases" --pid-file="$dir/dnsmasq.pid" \\
                --log-facility="$dir/dnsmasq.log" --log-dhcp
            """;
    private static final String CLEANUP_SCRIPT = """
            dir=$1 bridge=$2
            if [ -f "$dir/dnsmasq.pid" ]; then kill "$(cat "$dir/dnsmasq.pid")" 2>/dev/null; fi
            ip link del "$bridge" 2>/dev/null
            true
            """;

    final TestHost host;
    final HostEndpoint endpoint;
    final SshPool ssh;
    final String dir;
    final String bridge;
    final String net;
    final String guestIp;

    private GuestTestBed(TestHost host, SshPool ssh, String dir, String bridge, String net) {
        this.host = host;
        this.endpoint = endpoint(host);
        this.ssh = ssh;
        this.dir = dir;
        this.bridge = bridge;
        this.net = net;
        this.guestIp = net + ".50";
    }

    static HostEndpoint endpoint(TestHost h) {
        return new HostEndpoint("test-" + h.name(), h.ip(), h.sshPort(), h.user(),
                new HostCredentials(null, h.privateKey(), h.hostKeyFingerprint()));
    }

    /** Sets everything up on test host {@code n}. */
    static GuestTestBed create(int n, SshPool ssh) throws Exception {
        TestHost h = TestHosts.host(n);
        String run = UUID.randomUUID().toString();
        String dir = ROOT + "/" + run;
        Files.createDirectories(Path.of(dir));
        String image = TestHosts.run(List.of("dev/testbed/guest-image", "path", "qcow2")).strip();
        Files.copy(Path.of(image), Path.of(dir, "base.qcow2"));
        GuestTestBed bed = new GuestTestBed(h, ssh, dir, "nvd" + run.substring(0, 8), freeSubnet(ssh, endpoint(h)));
        bed.sh(NETWORK_SCRIPT, dir, bed.bridge, bed.net, GUEST_MAC);
        return bed;
    }

    /** A 10.77.x.0/24 that no interface of the host uses yet. */
    private static String freeSubnet(SshPool ssh, HostEndpoint ep) throws DriverException {
        String addrs = ssh.exec(ep, RemoteCommand.of("ip", "-4", "-o", "addr", "show")).stdout();
        for (int tries = 0; tries < 50; tries++) {
            String net = "10.77." + (1 + (int) (Math.random() * 250));
            if (!addrs.contains(" " + net + ".")) {
                return net;
            }
        }
        throw new IllegalStateException("no free 10.77.x.0/24 on the test host");
    }

    /** A linked clone of the guest image, named {@code name}.qcow2 in the run folder; returns its path. */
    String linkedClone(String name) throws DriverException {
        String path = dir + "/" + name + ".qcow2";
        ExecResult r = ssh.exec(endpoint,
                RemoteCommand.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", dir + "/base.qcow2",
                        path));
        require(r);
        return path;
    }

    /** How often {@code NUBIS-GUEST-IP <ip>} is in the console log so far (0 when there is no log yet). */
    int markers(String consoleLog, String ip) throws DriverException {
        ExecResult r = ssh.exec(endpoint, RemoteCommand.of("sh", "-c",
                "grep -acF -- \"NUBIS-GUEST-IP $2\" \"$1\" 2>/dev/null || true", "markers", consoleLog, ip));
        String out = r.stdout().strip();
        return out.isEmpty() ? 0 : Integer.parseInt(out);
    }

    /** Waits until the console log holds more than {@code before} markers; returns the milliseconds it took. */
    long awaitMarker(String consoleLog, String ip, int before, long timeoutMillis) throws Exception {
        long t0 = System.nanoTime();
        while (markers(consoleLog, ip) <= before) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > timeoutMillis) {
                throw new AssertionError("no new 'NUBIS-GUEST-IP " + ip + "' on the console within " + timeoutMillis
                        + " ms; console:\n" + tail(consoleLog));
            }
            Thread.sleep(200);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    String tail(String file) throws DriverException {
        return ssh.exec(endpoint, RemoteCommand.of("tail", "-n", "20", file)).stdout();
    }

    /** Runs {@code virsh args...} on the host directly (not through the driver), whatever its exit code. */
    ExecResult virsh(String... args) throws DriverException {
        List<String> argv = new java.util.ArrayList<>(List.of("env", "LC_ALL=C", "virsh", "-c", "qemu:///system"));
        argv.addAll(List.of(args));
        return ssh.exec(endpoint, RemoteCommand.of(argv));
    }

    ExecResult sh(String script, String... args) throws DriverException {
        List<String> argv = new java.util.ArrayList<>(List.of("sh", "-c", script, "nubis-test"));
        argv.addAll(List.of(args));
        return require(ssh.exec(endpoint, RemoteCommand.of(argv)));
    }

    private static ExecResult require(ExecResult r) {
        if (!r.ok()) {
            throw new AssertionError(r.describe());
        }
        return r;
    }

    /** The value of {@code <title>} in a domain XML, as the raw text between the tags. */
    static String rawTitle(String xml) {
        Matcher m = Pattern.compile("<title>(.*)</title>").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public void close() throws Exception {
        try {
            ssh.exec(endpoint, RemoteCommand.of("sh", "-c", CLEANUP_SCRIPT, "nubis-test", dir, bridge));
        } finally {
            deleteTree(Path.of(dir));
            try (Stream<Path> left = Files.list(Path.of(ROOT))) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(Path.of(ROOT));
                }
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
