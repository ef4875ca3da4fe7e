package io.nubis.driver.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostCredentials;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.RouterSpec;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The virtual router of the KVM network driver on a real test host, checked with real packets between a "guest" on the
 * private bridge and an "outside" machine on the public bridge (both namespaces made by this test): SNAT, DNS for the
 * network's names and upstream, elastic IPs, port forwarding, nothing in without DNAT, re-creation after the namespace
 * is deleted by hand, and removal without leftovers.
 */
@QuarkusTest
class KvmRouterTest {

    static final String GUEST_IP = "10.95.0.10";
    static final String GATEWAY = "10.95.0.1";
    static final String PUBLIC_IP = "172.30.95.2";
    static final String OUTSIDE_IP = "172.30.95.100";
    static final String EIP = "172.30.95.50";

    @Inject
    KvmNetworkDriver driver;

    TestHost host;
    HostEndpoint ep;
    String l3;
    String brPrivate;
    String brPublic;
    final List<AutoCloseable> open = new ArrayList<>();
    SegmentNamespace guest;
    SegmentNamespace outside;

    @BeforeEach
    void setUp() throws Exception {
        host = TestHosts.host(1);
        ep = new HostEndpoint("test-" + host.name(), host.ip(), host.sshPort(), host.user(),
                new HostCredentials(null, host.privateKey(), host.hostKeyFingerprint()));
        l3 = UUID.randomUUID().toString();
        brPrivate = "nbt" + hex();
        brPublic = "nbt" + hex();
        driver.ensureBridge(ep, new BridgeSpec(brPrivate, null));
        driver.ensureBridge(ep, new BridgeSpec(brPublic, null));
        guest = plug(brPrivate, "52:54:00:95:00:0a", GUEST_IP);
        guest.sh("ip route add default via \"$1\"", GATEWAY);
        outside = plug(brPublic, "52:54:00:95:00:64", OUTSIDE_IP.replace("/24", ""));
        // the outside answers every TCP connection on 7000 with the address it sees the connection come from
        outside.background("socat TCP4-LISTEN:7000,reuseaddr,fork SYSTEM:'echo $SOCAT_PEERADDR'");
        // and is an upstream DNS server that knows www.example.test
        outside.background("dnsmasq --conf-file=/dev/null --no-resolv --no-hosts --keep-in-foreground"
                + " --listen-address=" + OUTSIDE_IP + " --bind-interfaces --address=/www.example.test/198.51.100.7");
        // the guest answers on 80 and 7001 the same way
        guest.background("socat TCP4-LISTEN:80,reuseaddr,fork SYSTEM:'echo web $SOCAT_PEERADDR'");
        guest.background("socat TCP4-LISTEN:7001,reuseaddr,fork SYSTEM:'echo $SOCAT_PEERADDR'");
        Thread.sleep(300);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        driver.removeRouter(ep, l3);
        sh("for d in \"$@\"; do ip link del \"$d\" 2>/dev/null; done; true", brPrivate, brPublic);
    }

    /** A fresh link may take a moment to pass frames: up to 10 tries, a second apart. */
    static boolean eventually(java.util.function.BooleanSupplier check) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            if (check.getAsBoolean()) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    String diag() {
        return sh("ip netns exec \"$1\" ip addr; ip netns exec \"$1\" nft list ruleset; bridge link; ip -br link;"
                + " ip netns exec \"$3\" ip neigh; ip netns list; true",
                KvmRouter.namespace(l3), KvmRouter.dir(l3), guest.namespace);
    }

    static String hex() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    SegmentNamespace plug(String bridge, String mac, String ip) {
        SegmentNamespace n = SegmentNamespace.plug(host, bridge, "nbq" + hex(), mac, ip);
        open.add(n);
        return n;
    }

    String sh(String script, String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "PATH=\"$PATH:/usr/sbin:/sbin\"; " + script, "t"));
        argv.addAll(List.of(args));
        return TestHosts.enter(host, argv.toArray(String[]::new)).strip();
    }

    RouterSpec spec(List<RouterSpec.ElasticIp> eips, List<RouterSpec.PortForward> forwards) {
        return new RouterSpec(l3, brPrivate, GATEWAY, 24, brPublic, PUBLIC_IP, 24, null, List.of(OUTSIDE_IP),
                List.of(new RouterSpec.Name("guest-a", GUEST_IP)), eips, forwards);
    }

    /** What the server at {@code ip}:{@code port} answers a TCP connection from {@code from} (empty: nothing). */
    static String connect(SegmentNamespace from, String ip, int port) {
        return from.connect(ip, port);
    }

    static String resolve(SegmentNamespace from, String name) {
        return from.sh("busybox nslookup \"$1\" \"$2\" 2>/dev/null | sed -n 's/^Address: *\\([0-9.]*\\)$/\\1/p'"
                + " | tail -n 1; true", name, GATEWAY).strip();
    }

    @Test
    void guestsGoOutThroughSnatResolveNamesAndAreReachedOnlyThroughElasticIpsAndForwards() throws Exception {
        assertEquals("", connect(guest, OUTSIDE_IP, 7000), "no router yet: the outside is out of reach");

        driver.ensureRouter(ep, spec(List.of(), List.of()));
        assertTrue(eventually(() -> guest.ping(GATEWAY)), () -> "the gateway answers\n" + diag());
        assertEquals(PUBLIC_IP, connect(guest, OUTSIDE_IP, 7000), "SNAT: the outside sees the router's address");
        assertEquals(GUEST_IP, resolve(guest, "guest-a"), "the network's VMs by name");
        assertEquals("198.51.100.7", resolve(guest, "www.example.test"), "other names from the upstream server");

        // nothing gets in without a DNAT rule, even with a route to the private subnet
        outside.sh("ip route add 10.95.0.0/24 via \"$1\"", PUBLIC_IP);
        assertEquals("", connect(outside, GUEST_IP, 7001), "the private subnet is closed to the outside");
        assertEquals("", connect(outside, PUBLIC_IP, 7001), "and so is the router's own address");

        // an elastic IP: both ways, the guest is the EIP
        driver.ensureRouter(ep, spec(List.of(new RouterSpec.ElasticIp(EIP, GUEST_IP)), List.of()));
        assertEquals(OUTSIDE_IP, connect(outside, EIP, 7001), "the outside reaches the guest through its EIP");
        assertEquals(EIP, connect(guest, OUTSIDE_IP, 7000), "and the guest goes out as its EIP");

        // port forwarding (shifted ports), with the EIP still there
        String before = sh("ip netns exec \"$1\" nft list table ip nubis_router", KvmRouter.namespace(l3));
        driver.ensureRouter(ep, spec(List.of(new RouterSpec.ElasticIp(EIP, GUEST_IP)),
                List.of(new RouterSpec.PortForward("tcp", 8080, 8080, GUEST_IP, 80))));
        assertEquals("web " + OUTSIDE_IP, connect(outside, PUBLIC_IP, 8080));
        assertEquals(OUTSIDE_IP, connect(outside, EIP, 7001), "the EIP still works");
        assertFalse(before.contains("8080"));

        // detaching the EIP takes it away and leaves the forward
        driver.ensureRouter(ep, spec(List.of(), List.of(new RouterSpec.PortForward("tcp", 8080, 8080, GUEST_IP, 80))));
        assertEquals("", connect(outside, EIP, 7001), "a detached EIP reaches nothing");
        assertEquals("web " + OUTSIDE_IP, connect(outside, PUBLIC_IP, 8080));
        assertEquals(PUBLIC_IP, connect(guest, OUTSIDE_IP, 7000));

        // the same spec twice yields the same rule set
        String rules = sh("ip netns exec \"$1\" nft list table ip nubis_router", KvmRouter.namespace(l3));
        driver.ensureRouter(ep, spec(List.of(), List.of(new RouterSpec.PortForward("tcp", 8080, 8080, GUEST_IP, 80))));
        assertEquals(rules, sh("ip netns exec \"$1\" nft list table ip nubis_router", KvmRouter.namespace(l3)));

        // the namespace deleted by hand, its DNS server left running in it: ensuring again brings everything back
        sh("ip netns del \"$1\"", KvmRouter.namespace(l3));
        driver.ensureRouter(ep, spec(List.of(), List.of(new RouterSpec.PortForward("tcp", 8080, 8080, GUEST_IP, 80))));
        assertTrue(eventually(() -> GUEST_IP.equals(resolve(guest, "guest-a"))), () -> diag());
        assertEquals(PUBLIC_IP, connect(guest, OUTSIDE_IP, 7000));
        // and killed for good (processes too): the router is gone until it is ensured again
        sh("for p in $(ip netns pids \"$1\"); do kill -9 \"$p\"; done; ip netns del \"$1\"",
                KvmRouter.namespace(l3));
        assertEquals("", connect(guest, OUTSIDE_IP, 7000));
        driver.ensureRouter(ep, spec(List.of(), List.of(new RouterSpec.PortForward("tcp", 8080, 8080, GUEST_IP, 80))));
        assertTrue(eventually(() -> guest.ping(GATEWAY)), () -> diag());
        assertEquals(PUBLIC_IP, connect(guest, OUTSIDE_IP, 7000), "traffic flows again");
        assertEquals(GUEST_IP, resolve(guest, "guest-a"));
        assertEquals("web " + OUTSIDE_IP, connect(outside, PUBLIC_IP, 8080));

        driver.removeRouter(ep, l3);
        driver.removeRouter(ep, l3);
        assertEquals("", connect(guest, OUTSIDE_IP, 7000));
        String id = l3;
        assertEquals("no no no no", sh("ip netns exec \"$1\" true 2>/dev/null && printf 'yes ' || printf 'no ';"
                + " for d in \"$2\" \"$3\"; do ip link show dev \"$d\" >/dev/null 2>&1 && printf 'yes ' || printf 'no ';"
                + " done; [ -e \"$4\" ] && printf yes || printf no", KvmRouter.namespace(id),
                KvmRouter.privateHostLeg(id), KvmRouter.publicHostLeg(id), KvmRouter.dir(id)));
        assertEquals("", sh("for p in $(pgrep -x dnsmasq); do tr '\\000' ' ' < /proc/$p/cmdline | grep -F -- \"$1\";"
                + " done; true", KvmRouter.dir(id)), "no dnsmasq of the router left");
    }

    @Test
    void aLoadBalancerSpreadsConnectionsOverTheBackendsThatPassTheirHealthCheck() throws Exception {
        SegmentNamespace second = plug(brPrivate, "52:54:00:95:00:0b", "10.95.0.11");
        second.sh("ip route add default via \"$1\"", GATEWAY);
        String tag = hex();
        guest.background("socat TCP4-LISTEN:8001,reuseaddr,fork SYSTEM:'echo first-" + tag + "'");
        second.background("socat TCP4-LISTEN:8002,reuseaddr,fork SYSTEM:'echo second-" + tag + "'");
        RouterSpec.Listener web = new RouterSpec.Listener("tcp", 8088, "roundrobin", 1, List.of(
                new RouterSpec.Backend(GUEST_IP, 8001, 1), new RouterSpec.Backend("10.95.0.11", 8002, 1)));
        RouterSpec base = spec(List.of(), List.of());
        RouterSpec withLb = new RouterSpec(l3, brPrivate, GATEWAY, 24, brPublic, PUBLIC_IP, 24, null,
                base.upstreamDns(), base.names(), List.of(), List.of(), List.of(web));
        driver.ensureRouter(ep, withLb);
        assertTrue(eventually(() -> answers(8088).containsAll(java.util.Set.of("first-" + tag, "second-" + tag))),
                "both backends answer: " + answers(8088) + "\n" + diag());
        String pid = sh("cat \"$1/haproxy.pid\"", KvmRouter.dir(l3));
        driver.ensureRouter(ep, withLb);
        assertEquals(pid, sh("cat \"$1/haproxy.pid\"", KvmRouter.dir(l3)), "the same spec does not reload haproxy");
        establishedConnectionsOutliveAReload(withLb, tag);

        // the second backend stops: after its failed checks, every connection goes to the first
        sh("pkill -f \"echo second-$1\"; true", tag);
        Thread.sleep(3500);
        // round robin over both would leave every second connection unanswered (3 of 6); a lone miss is the test
        // machine's (a CI run ended its ten tries with one connection of six unanswered, the other five by the first)
        assertTrue(eventually(() -> replies(8088).stream().filter(("first-" + tag)::equals).count() >= 5),
                "the stopped backend is taken out, the connections are answered by the first: " + replies(8088));
        java.util.Map<String, String> expected = java.util.Map.of("8088/" + GUEST_IP + ":8001", "UP",
                "8088/10.95.0.11:8002", "DOWN");
        assertTrue(eventually(() -> expected.equals(health())), "and the router says so: " + health());
        second.background("socat TCP4-LISTEN:8002,reuseaddr,fork SYSTEM:'echo second-" + tag + "'");
        assertTrue(eventually(() -> answers(8088).contains("second-" + tag)), "and taken back once it answers");

        // a second listener on an address of the private network, for the network's own machines
        RouterSpec.Listener inside = new RouterSpec.Listener("tcp", 8089, "leastconn", 1,
                List.of(new RouterSpec.Backend(GUEST_IP, 8001, 1)), "10.95.0.200");
        driver.ensureRouter(ep, new RouterSpec(l3, brPrivate, GATEWAY, 24, brPublic, PUBLIC_IP, 24, null,
                base.upstreamDns(), base.names(), List.of(), List.of(), List.of(web, inside)));
        assertTrue(eventually(() -> ("first-" + tag).equals(connect(second, "10.95.0.200", 8089))),
                "a machine of the network reaches the private listener: " + diag());
        assertEquals("", connect(outside, PUBLIC_IP, 8089), "which the outside does not reach");
        assertTrue(eventually(() -> answers(8088).contains("first-" + tag)),
                "the public listener still answers: " + diag());

        // without the listeners, haproxy goes and the port is closed again
        driver.ensureRouter(ep, base);
        assertEquals("", connect(outside, PUBLIC_IP, 8088));
        assertEquals("", connect(second, "10.95.0.200", 8089), "the private address is gone too");
        assertEquals("", sh("pgrep -f \"$1/haproxy.cfg\"; true", KvmRouter.dir(l3)), "no haproxy left");
        assertThrows(DriverException.class, () -> driver.ensureRouter(ep, new RouterSpec(l3, brPrivate, GATEWAY, 24,
                brPublic, PUBLIC_IP, 24, null, List.of(), List.of(), List.of(), List.of(), List.of(
                        new RouterSpec.Listener("tcp", 8088, "random;reboot", 1, List.of())))));
    }

    /**
     * A connection through a listener stays up while a changed configuration reloads haproxy: the old process (-sf)
     * serves it to its end, the new one takes the next connections.
     */
    void establishedConnectionsOutliveAReload(RouterSpec withLb, String tag) throws Exception {
        guest.background("socat TCP4-LISTEN:8003,reuseaddr,fork EXEC:cat");
        RouterSpec.Listener echo = new RouterSpec.Listener("tcp", 8087, "roundrobin", 1,
                List.of(new RouterSpec.Backend(GUEST_IP, 8003, 1)));
        List<RouterSpec.Listener> listeners = new ArrayList<>(withLb.listeners());
        listeners.add(echo);
        driver.ensureRouter(ep, withListeners(withLb, listeners));
        String out = "/tmp/nubis-lb-" + tag + ".out";
        assertTrue(eventually(
                () -> outside.sh("echo ping | socat -T 2 -t 2 - TCP4:\"$1\":8087 2>/dev/null; true", PUBLIC_IP).strip()
                        .equals("ping")),
                "the echo listener answers: " + diag());
        String before = sh("cat \"$1/haproxy.pid\"", KvmRouter.dir(l3));
        // one line now, the next after the reload, on the same connection
        outside.background("(echo before-$2; sleep 6; echo after-$2) | socat -T 20 -t 3 - TCP4:\"$1\":8087 > \"$3\"",
                PUBLIC_IP, tag, out);
        assertTrue(eventually(() -> outside.sh("cat \"$1\" 2>/dev/null; true", out).contains("before-" + tag)),
                "the first line came back");
        listeners.set(listeners.size() - 1, new RouterSpec.Listener("tcp", 8087, "leastconn", 2, echo.backends()));
        driver.ensureRouter(ep, withListeners(withLb, listeners));
        String after = sh("cat \"$1/haproxy.pid\"", KvmRouter.dir(l3));
        assertNotEquals(before, after, "a changed configuration reloads haproxy");
        assertTrue(sh("pgrep -f \"$1/haproxy.cfg\"; true", KvmRouter.dir(l3)).lines().count() >= 2,
                "the old process still serves its connection");
        assertTrue(eventually(() -> outside.sh("cat \"$1\" 2>/dev/null; true", out).contains("after-" + tag)),
                "the established connection carried the line sent after the reload: "
                        + outside.sh("cat \"$1\" 2>/dev/null; true", out));
        assertEquals("before-" + tag + "\nafter-" + tag, outside.sh("cat \"$1\"; rm -f \"$1\"", out).strip());
        assertTrue(eventually(() -> sh("pgrep -f \"$1/haproxy.cfg\"; true", KvmRouter.dir(l3)).strip().equals(after)),
                "and leaves once it is closed");
        driver.ensureRouter(ep, withLb);
        assertTrue(eventually(() -> answers(8088).contains("first-" + tag)),
                "the new process serves new connections: " + diag());
    }

    RouterSpec withListeners(RouterSpec r, List<RouterSpec.Listener> listeners) {
        return new RouterSpec(r.l3NetworkId(), r.privateBridge(), r.gatewayIp(), r.privatePrefix(), r.publicBridge(),
                r.publicIp(), r.publicPrefix(), r.publicGateway(), r.upstreamDns(), r.names(), r.elasticIps(),
                r.portForwards(), listeners);
    }

    java.util.Map<String, String> health() {
        try {
            return driver.loadBalancerHealth(ep, l3);
        } catch (DriverException e) {
            return java.util.Map.of("error", e.getMessage());
        }
    }

    /** What six connections to the router's public address on {@code port} were answered with. */
    java.util.Set<String> answers(int port) {
        java.util.Set<String> seen = new java.util.TreeSet<>(replies(port));
        seen.remove("");
        return seen;
    }

    /** The reply of each of six connections to the router's public address on {@code port}, "" for none. */
    List<String> replies(int port) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(connect(outside, PUBLIC_IP, port));
        }
        return all;
    }

    @Test
    void invalidSpecsNeverReachTheHostAndAMissingBridgeLeavesNothing() {
        for (RouterSpec bad : List.of(
                new RouterSpec(l3, brPrivate, "10.95.0.1;reboot", 24, brPublic, PUBLIC_IP, 24, null, List.of(),
                        List.of(), List.of(), List.of()),
                new RouterSpec(l3, brPrivate, GATEWAY, 24, brPublic, PUBLIC_IP, 24, null, List.of(),
                        List.of(new RouterSpec.Name("a b", GUEST_IP)), List.of(), List.of()),
                new RouterSpec(l3, brPrivate, GATEWAY, 24, brPublic, PUBLIC_IP, 24, null, List.of(), List.of(),
                        List.of(), List.of(new RouterSpec.PortForward("sctp", 1, 1, GUEST_IP, 1))),
                new RouterSpec(l3, brPrivate, GATEWAY, 24, brPublic, PUBLIC_IP, 24, null, List.of(), List.of(),
                        List.of(), List.of(new RouterSpec.PortForward("tcp", 1000, 2000, GUEST_IP, 3000))),
                new RouterSpec(l3, brPrivate, GATEWAY, 24, brPublic, PUBLIC_IP, 24, null, List.of(), List.of(),
                        List.of(new RouterSpec.ElasticIp(PUBLIC_IP, GUEST_IP)), List.of()))) {
            DriverException e = assertThrows(DriverException.class, () -> driver.ensureRouter(ep, bad));
            assertTrue(e.getMessage().startsWith("refusing an invalid"), e.getMessage());
        }
        RouterSpec noBridge = new RouterSpec(l3, "nbtmissing0", GATEWAY, 24, brPublic, PUBLIC_IP, 24, null,
                List.of(), List.of(), List.of(), List.of());
        DriverException e = assertThrows(DriverException.class, () -> driver.ensureRouter(ep, noBridge));
        assertTrue(e.getMessage().contains("bridge nbtmissing0 does not exist"), e.getMessage());
        assertEquals("no no", sh("ip netns exec \"$1\" true 2>/dev/null && printf 'yes ' || printf 'no ';"
                + " [ -e \"$2\" ] && printf yes || printf no", KvmRouter.namespace(l3), KvmRouter.dir(l3)));
    }
}
