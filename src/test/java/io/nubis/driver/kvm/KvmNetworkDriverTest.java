package io.nubis.driver.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.DhcpSpec;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostCredentials;
import io.nubis.driver.HostEndpoint;
import io.nubis.testing.DhcpClient;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The KVM network driver on a real test host: Linux bridges, dnsmasq in a namespace, and real DHCP exchanges. */
@QuarkusTest
class KvmNetworkDriverTest {

    static final String MAC_A = "52:54:00:93:00:0a";
    static final String MAC_B = "52:54:00:93:00:0b";

    @Inject
    KvmNetworkDriver driver;

    TestHost host;
    HostEndpoint ep;
    String l3;
    String bridge;

    @BeforeEach
    void setUp() {
        host = TestHosts.host(1);
        ep = new HostEndpoint("test-" + host.name(), host.ip(), host.sshPort(), host.user(),
                new HostCredentials(null, host.privateKey(), host.hostKeyFingerprint()));
        l3 = UUID.randomUUID().toString();
        bridge = "nbt" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @AfterEach
    void cleanUp() throws Exception {
        driver.removeDhcp(ep, l3);
        sh("ip link del \"$1\" 2>/dev/null; true", bridge);
    }

    /** Runs a constant script with arguments inside the test host. */
    String sh(String script, String... args) {
        String[] argv = new String[4 + args.length];
        argv[0] = "sh";
        argv[1] = "-c";
        argv[2] = "PATH=\"$PATH:/usr/sbin:/sbin\"; " + script;
        argv[3] = "test";
        System.arraycopy(args, 0, argv, 4, args.length);
        return TestHosts.enter(host, argv).strip();
    }

    boolean exists(String test, String... args) {
        return sh("if " + test + "; then echo yes; else echo no; fi", args).equals("yes");
    }

    DhcpSpec spec(String gateway, DhcpSpec.Lease... leases) {
        return new DhcpSpec(l3, bridge, "10.93.0.2", 24, gateway, List.of("10.93.0.1"), List.of(leases));
    }

    String pid() {
        return sh("cat \"$1\"", KvmNetworkNames.dhcpDir(l3) + "/dnsmasq.pid");
    }

    @Test
    void dhcpHandsOutExactlyTheStaticLeasesAndFollowsChanges() throws Exception {
        driver.ensureBridge(ep, new BridgeSpec(bridge, null));
        driver.ensureBridge(ep, new BridgeSpec(bridge, null));
        assertTrue(exists("[ -d \"/sys/class/net/$1/bridge\" ] && ip link show dev \"$1\" | grep -q ',UP'", bridge),
                "bridge up");

        driver.ensureDhcp(ep, spec("10.93.0.1", new DhcpSpec.Lease(MAC_A, "10.93.0.50", "guest-a")));
        String ns = KvmNetworkNames.namespace(l3);
        assertTrue(exists("ip netns exec \"$1\" ip -4 -o addr show | grep -q ' 10.93.0.2/24 '", ns),
                "server address inside " + ns);
        try (DhcpClient a = DhcpClient.plug(host, bridge, MAC_A); DhcpClient b = DhcpClient.plug(host, bridge, MAC_B)) {
            assertEquals(Optional.of("10.93.0.50"), a.request(), "the address Nubis chose for MAC A");
            assertEquals(Optional.empty(), b.request(), "no dynamic pool: an unknown MAC gets nothing");

            // a new lease set is a reload (same dnsmasq), and every NIC gets what the set says now
            String before = pid();
            driver.ensureDhcp(ep, spec("10.93.0.1", new DhcpSpec.Lease(MAC_A, "10.93.0.60", "guest-a"),
                    new DhcpSpec.Lease(MAC_B, "10.93.0.61", null)));
            assertEquals(before, pid(), "SIGHUP, not a restart");
            assertEquals(Optional.of("10.93.0.60"), a.request());
            assertEquals(Optional.of("10.93.0.61"), b.request());

            // changed options restart it
            driver.ensureDhcp(ep, spec(null, new DhcpSpec.Lease(MAC_A, "10.93.0.60", "guest-a")));
            assertNotEquals(before, pid());
            assertTrue(exists("tr '\\000' ' ' < /proc/$1/cmdline | grep -q -- '--dhcp-option=3 '", pid()),
                    "no router handed out without a gateway");
            assertEquals(Optional.of("10.93.0.60"), a.request());
        }

        String pid = pid();
        driver.removeDhcp(ep, l3);
        driver.removeDhcp(ep, l3);
        assertTrue(exists("! ip netns exec \"$1\" true 2>/dev/null", ns), "namespace gone");
        assertTrue(exists("! ip link show dev \"$1\" >/dev/null 2>&1", KvmNetworkNames.vethHost(l3)), "veth gone");
        assertTrue(exists("[ ! -e \"$1\" ]", KvmNetworkNames.dhcpDir(l3)), "files gone");
        assertTrue(exists("[ ! -e /proc/$1/cmdline ] || ! grep -q dnsmasq /proc/$1/cmdline", pid), "dnsmasq gone");
        assertEquals("", sh("for p in $(pgrep -x dnsmasq); do tr '\\000' ' ' < /proc/$p/cmdline | grep -F -- \"$1\";"
                + " done; true", KvmNetworkNames.dhcpDir(l3)), "no dnsmasq of this network left");
    }

    @Test
    void aFailedDhcpSetupLeavesNothingBehind() {
        DriverException e = assertThrows(DriverException.class,
                () -> driver.ensureDhcp(ep, spec("10.93.0.1", new DhcpSpec.Lease(MAC_A, "10.93.0.50", null))));
        assertTrue(e.getMessage().contains("bridge " + bridge + " does not exist"), e.getMessage());
        assertTrue(exists("! ip netns exec \"$1\" true 2>/dev/null", KvmNetworkNames.namespace(l3)));
        assertTrue(exists("[ ! -e \"$1\" ]", KvmNetworkNames.dhcpDir(l3)));
    }

    @Test
    void uplinksAreEnslavedUnlessThatWouldCutAnAddressOff() throws Exception {
        String uplink = "nup" + l3.replace("-", "").substring(0, 10);
        sh("ip link add \"$1\" type veth peer name \"$2\"", uplink, uplink + "p");
        try {
            driver.ensureBridge(ep, new BridgeSpec(bridge, uplink));
            assertEquals(bridge, sh("basename \"$(readlink /sys/class/net/$1/master)\"", uplink));
            driver.ensureBridge(ep, new BridgeSpec(bridge, uplink));

            String second = "nbu" + l3.replace("-", "").substring(0, 12);
            DriverException taken = assertThrows(DriverException.class,
                    () -> driver.ensureBridge(ep, new BridgeSpec(second, uplink)));
            assertTrue(taken.getMessage().contains("already belongs to " + bridge), taken.getMessage());
            assertTrue(exists("! ip link show dev \"$1\" >/dev/null 2>&1", second),
                    "a bridge it made is removed again");

            sh("ip link set dev \"$1\" nomaster; ip addr add 192.0.2.7/32 dev \"$1\"", uplink);
            DriverException addressed = assertThrows(DriverException.class,
                    () -> driver.ensureBridge(ep, new BridgeSpec(second, uplink)));
            assertTrue(addressed.getMessage().contains("carries IPv4 addresses"), addressed.getMessage());
            assertTrue(exists("! ip link show dev \"$1\" >/dev/null 2>&1", second));

            DriverException missing = assertThrows(DriverException.class,
                    () -> driver.ensureBridge(ep, new BridgeSpec(second, "nosuchif0")));
            assertTrue(missing.getMessage().contains("interface nosuchif0 does not exist"), missing.getMessage());
        } finally {
            sh("ip link del \"$1\" 2>/dev/null; true", uplink);
        }
    }

    @Test
    void invalidValuesNeverReachTheHost() {
        assertThrows(DriverException.class, () -> driver.ensureBridge(ep, new BridgeSpec("br$(reboot)", null)));
        assertThrows(DriverException.class, () -> driver.ensureBridge(ep, new BridgeSpec(bridge, "eth0;reboot")));
        assertThrows(DriverException.class, () -> driver.ensureDhcp(ep,
                spec("10.93.0.1", new DhcpSpec.Lease(MAC_A, "10.93.0.50", "x\n--dhcp-script=/bin/sh"))));
        assertThrows(DriverException.class, () -> driver.ensureDhcp(ep,
                spec("10.93.0.1", new DhcpSpec.Lease("52:54:00:93:00:0a,10.93.0.9", "10.93.0.50", null))));
        assertThrows(DriverException.class, () -> driver.removeDhcp(ep, "../../etc"));
        assertTrue(exists("! ip link show dev \"$1\" >/dev/null 2>&1", bridge));
    }
}
