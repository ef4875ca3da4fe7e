package io.nubis.driver.kvm;

import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A machine on an L2 segment of a test host, made of a network namespace inside the host and a veth pair: the outer end
 * is a port of the bridge (named as a VM's tap would be, when it stands in for a guest), the inner end carries the MAC
 * and IPv4 address. Stands in for a VM NIC or for another machine on the segment. {@link #close()} removes the
 * namespace, the veth and whatever this object started in it.
 */
final class SegmentNamespace implements AutoCloseable {

    final TestHost host;
    final String namespace;
    final String outer;
    final String inner;
    final String mac;
    final String ip;
    private final List<String> pidFiles = new ArrayList<>();

    private SegmentNamespace(TestHost host, String outer, String mac, String ip) {
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.host = host;
        this.namespace = "nubis-test-l2-" + tag;
        this.outer = outer;
        this.inner = "nti" + tag;
        this.mac = mac;
        this.ip = ip;
    }

    /**
     * Plugs a machine into {@code bridge}: the bridge port is named {@code outer}, the machine has {@code mac} and
     * {@code ip}/24, IPv6 link-local {@code fe80::<last byte of the ip>} without duplicate address detection, and may
     * send from addresses it does not own ({@code ip_nonlocal_bind}), as a guest that spoofs could.
     */
    static SegmentNamespace plug(TestHost host, String bridge, String outer, String mac, String ip) {
        SegmentNamespace n = new SegmentNamespace(host, outer, mac, ip);
        TestHosts.enter(host, "sh", "-c", """
                set -e
                PATH="$PATH:/usr/sbin:/sbin"
                ns="$1"; out="$2"; in="$3"; br="$4"; mac="$5"; ip="$6"
                ip netns add "$ns"
                ip link add "$out" type veth peer name "$in"
                ip link set dev "$in" netns "$ns"
                ip netns exec "$ns" sysctl -qw net.ipv4.ip_nonlocal_bind=1
                ip netns exec "$ns" ip link set dev "$in" address "$mac"
                ip netns exec "$ns" ip link set dev lo up
                ip netns exec "$ns" ip addr add "$ip/24" dev "$in"
                ip netns exec "$ns" ip addr add "fe80::${ip##*.}/64" dev "$in" nodad
                ip netns exec "$ns" ip link set dev "$in" up
                ip link set dev "$out" master "$br"
                ip link set dev "$out" up
                """, "plug", n.namespace, n.outer, n.inner, bridge, mac, ip);
        return n;
    }

    /** Starts a constant command line inside the namespace in the background; it runs until {@link #close()}. */
    void background(String script, String... args) {
        sh("(" + script + ") </dev/null >/dev/null 2>&1 &", args);
    }

    /** Runs a constant script inside the namespace with {@code $1..} = args; fails the test on a non-zero exit. */
    String sh(String script, String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c",
                "PATH=\"$PATH:/usr/sbin:/sbin\"; ns=\"$1\"; shift; exec ip netns exec \"$ns\" sh -c \"$0\" segment \"$@\"",
                script, namespace));
        argv.addAll(List.of(args));
        return TestHosts.enter(host, argv.toArray(String[]::new));
    }

    /** Lets this machine reach {@code other} without asking ARP/NDP: a static neighbour entry for both addresses. */
    void knows(SegmentNamespace other) {
        sh("ip neigh replace \"$1\" lladdr \"$2\" dev \"$3\" nud permanent && "
                + "ip -6 neigh replace \"fe80::$4\" lladdr \"$2\" dev \"$3\" nud permanent", other.ip, other.mac, inner,
                other.ip.substring(other.ip.lastIndexOf('.') + 1));
    }

    /**
     * Sends one UDP datagram with {@code payload} from source address {@code from} to the other machine. An address the
     * machine does not own is put on its interface for the send (as a guest that spoofs would) and taken off again.
     */
    void sendUdp(String from, SegmentNamespace to, int port, String payload) {
        sh("""
                added=""
                if ! ip -4 -o addr show dev "$5" | grep -qF " $4/"; then ip addr add "$4/32" dev "$5"; added=1; fi
                printf '%s\\n' "$1" | socat -u STDIN "UDP4-SENDTO:$2:$3,bind=$4"; rc=$?
                if [ -n "$added" ]; then ip addr del "$4/32" dev "$5"; fi
                exit $rc
                """, payload, to.ip, Integer.toString(port), from, inner);
    }

    /** Sets the MAC of the machine's interface (to spoof one, or to restore its own). */
    void setMac(String address) {
        sh("ip link set dev \"$1\" address \"$2\"", inner, address);
    }

    /** Pings {@code address} (IPv4, or IPv6 link-local on the machine's interface) once; whether a reply came. */
    boolean ping(String address) {
        String target = address.contains(":") ? address + "%" + inner : address;
        return sh("if ping -c 1 -W 1 \"$1\" >/dev/null 2>&1; then echo yes; else echo no; fi", target).strip()
                .equals("yes");
    }

    /**
     * Starts a UDP receiver on {@code port} that appends every payload to a file; read it with {@link #received}. It
     * runs until {@link #close()}.
     */
    String listenUdp(int port) {
        String file = "/tmp/" + namespace + "-udp" + port;
        String pidFile = file + ".pid";
        sh("rm -f \"$1\"; touch \"$1\"; socat -u \"UDP4-RECV:$2\" \"OPEN:$1,append\" </dev/null >/dev/null 2>&1 &"
                + " echo $! > \"$3\"", file, Integer.toString(port), pidFile);
        pidFiles.add(pidFile);
        return file;
    }

    /**
     * Starts a TCP server on {@code port} that answers every connection with {@code "<its ip>_<port>"}, and a UDP
     * server on the same port answering every datagram likewise; both run until {@link #close()} (which kills every
     * process of the namespace).
     */
    void serve(int port) {
        for (String proto : List.of("TCP4-LISTEN", "UDP4-RECVFROM")) {
            sh("socat \"$1:$2,fork,reuseaddr\" \"SYSTEM:echo $3\" </dev/null >/dev/null 2>&1 &", proto,
                    Integer.toString(port), ip + "_" + port);
        }
        // socat runs in the background: wait (at most 5 s) until both sockets are bound, so a first connect finds them
        sh("PATH=\"$PATH:/usr/sbin:/sbin\"; i=0; while [ $i -lt 50 ]; do"
                + " ss -Hltn \"sport = :$1\" | grep -q . && ss -Hlun \"sport = :$1\" | grep -q . && break;"
                + " sleep 0.1; i=$((i + 1)); done; true", Integer.toString(port));
    }

    /**
     * What the TCP server at {@code address}:{@code port} answers within 2 s, or "" when nothing does. {@code -t 2}:
     * socat's own default waits only half a second for the reply after sending its (empty) side, and a backend that
     * forks a shell for each connection can take longer than that on a busy test machine (a CI run lost a live load
     * balancer backend's replies that way).
     */
    String connect(String address, int port) {
        return sh("socat -T 2 -t 2 - \"TCP4:$1:$2,connect-timeout=2\" </dev/null 2>/dev/null; true", address,
                Integer.toString(port)).strip();
    }

    /** What the UDP server at {@code address}:{@code port} answers a datagram with within 2 s, or "". */
    String ask(String address, int port) {
        // UDP has no connection to wait for: a datagram lost to a busy machine gets one more try before "no answer"
        return sh("for i in 1 2; do a=$(printf 'x\\n' | socat -T 2 - \"UDP4:$1:$2\" 2>/dev/null);"
                + " [ -n \"$a\" ] && break; done; printf '%s' \"$a\"", address, Integer.toString(port)).strip();
    }

    /** What a receiver of {@link #listenUdp} got so far. */
    String received(String file) {
        return sh("cat \"$1\"", file);
    }

    /**
     * Asks for a DHCP lease like a VM would ({@code busybox udhcpc}, 3 discovers one second apart): the address and the
     * server that answered ({@code "10.0.0.5 from 10.0.0.2"}), or an empty string when no server answered.
     */
    String dhcpLease() {
        return sh("busybox udhcpc -i \"$1\" -n -q -t 3 -T 1 -s /bin/true 2>&1"
                + " | sed -n 's/.*lease of \\([0-9.]*\\) obtained from \\([0-9.]*\\).*/\\1 from \\2/p'; true", inner)
                .strip();
    }

    /**
     * Starts a DHCP server (dnsmasq with a dynamic pool of .100-.150 of this machine's /24) on the machine's interface,
     * as a rogue guest would; it runs until {@link #close()}.
     */
    void serveDhcp() {
        String prefix = ip.substring(0, ip.lastIndexOf('.') + 1);
        String leases = "/tmp/" + namespace + "-dnsmasq";
        String pidFile = leases + ".pid";
        sh("dnsmasq --conf-file=/dev/null --no-resolv --no-hosts --port=0 --bind-interfaces --interface=\"$1\""
                + " --except-interface=lo --no-ping --dhcp-range=\"$2\"100,\"$2\"150,1h --dhcp-leasefile=\"$3\""
                + " --pid-file=\"$4\" </dev/null >/dev/null 2>&1", inner, prefix, leases, pidFile);
        pidFiles.add(pidFile);
    }

    /** Stops what {@link #serveDhcp} started. */
    void stopDhcp() {
        stop(List.of("/tmp/" + namespace + "-dnsmasq.pid"));
    }

    @Override
    public void close() {
        stop(pidFiles);
        TestHosts.run(List.of("dev/testbed/hosts", "enter", host.name(), "sh", "-c",
                "PATH=\"$PATH:/usr/sbin:/sbin\"; for p in $(ip netns pids \"$1\" 2>/dev/null); do kill -9 \"$p\";"
                        + " done; ip netns del \"$1\" 2>/dev/null; ip link del \"$2\" 2>/dev/null; true",
                "unplug", namespace, outer));
    }

    /**
     * Kills the processes named by these pid files, each only if its command line still names the file this object gave
     * it (so a reused pid is never hit), and removes their files.
     */
    private void stop(List<String> files) {
        List<String> argv = new ArrayList<>(List.of("dev/testbed/hosts", "enter", host.name(), "sh", "-c", """
                for f in "$@"; do
                  base="${f%.pid}"
                  if [ -f "$f" ]; then
                    p=$(cat "$f")
                    if [ -r "/proc/$p/cmdline" ] && tr '\\000' '\\n' < "/proc/$p/cmdline" | grep -qF -- "$base"; then
                      kill "$p"
                    fi
                  fi
                  rm -f "$f" "$base"
                done
                true
                """, "stop"));
        argv.addAll(files);
        TestHosts.run(argv);
    }
}
