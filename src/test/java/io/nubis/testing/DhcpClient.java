package io.nubis.testing;

import io.nubis.testing.TestHosts.TestHost;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DHCP client plugged into a bridge of a test host, like a VM's NIC: a network namespace of its own inside the host,
 * a veth pair (one end on the bridge, the other in the namespace with a fixed MAC) and {@code busybox udhcpc}. Names
 * are random per client; {@link #close()} removes everything.
 */
public final class DhcpClient implements AutoCloseable {

    private static final Pattern LEASE = Pattern.compile("lease of ([0-9.]+) obtained from ([0-9.]+)");

    private final TestHost host;
    private final String namespace;
    private final String outer;
    private final String inner;

    private DhcpClient(TestHost host, String tag) {
        this.host = host;
        this.namespace = "nubis-test-dhcp-" + tag;
        this.outer = "ntc" + tag;
        this.inner = "ntd" + tag;
    }

    /** Plugs a new client with {@code mac} into {@code bridge} on the host. */
    public static DhcpClient plug(TestHost host, String bridge, String mac) {
        DhcpClient c = new DhcpClient(host, UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        TestHosts.enter(host, "sh", "-c", """
                set -e
                PATH="$PATH:/usr/sbin:/sbin"
                ip netns add "$1"
                ip link add "$2" type veth peer name "$3"
                ip link set dev "$3" netns "$1"
                ip netns exec "$1" ip link set dev "$3" address "$5"
                ip netns exec "$1" ip link set dev lo up
                ip netns exec "$1" ip link set dev "$3" up
                ip link set dev "$2" master "$4"
                ip link set dev "$2" up
                """, "plug", c.namespace, c.outer, c.inner, bridge, mac);
        return c;
    }

    /** A fresh DHCP exchange (discover, offer, request, ack): the address offered, or empty when none answered. */
    public Optional<String> request() {
        String out = TestHosts.enter(host, "sh", "-c",
                "PATH=\"$PATH:/usr/sbin:/sbin\"; ip netns exec \"$1\" busybox udhcpc -i \"$2\" -n -q -t 4 -T 1"
                        + " -s /bin/true 2>&1; true",
                "udhcpc", namespace, inner);
        Matcher m = LEASE.matcher(out);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public void close() {
        TestHosts.run(List.of("dev/testbed/hosts", "enter", host.name(), "sh", "-c",
                "PATH=\"$PATH:/usr/sbin:/sbin\"; ip netns del \"$1\" 2>/dev/null; ip link del \"$2\" 2>/dev/null; true",
                "unplug", namespace, outer));
    }
}
