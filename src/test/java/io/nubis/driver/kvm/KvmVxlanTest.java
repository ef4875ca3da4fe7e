package io.nubis.driver.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.DhcpSpec;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostCredentials;
import io.nubis.driver.HostEndpoint;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * VXLAN segments of the KVM network driver between the two real test hosts, checked with real packets: machines
 * (namespaces standing in for guests) on one VNI reach each other across hosts and get DHCP from a server on the other
 * host; a machine on another VNI, with an address of the same subnet, is not reachable. And the kernel gap: a VLAN
 * bridge fails with a clear message on these hosts and leaves nothing behind.
 */
@QuarkusTest
class KvmVxlanTest {

    @Inject
    KvmNetworkDriver driver;

    TestHost h1;
    TestHost h2;
    HostEndpoint ep1;
    HostEndpoint ep2;
    int vniA;
    int vniB;
    String brA;
    String brB;
    String l3;
    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void setUp() {
        h1 = TestHosts.host(1);
        h2 = TestHosts.host(2);
        ep1 = endpoint(h1);
        ep2 = endpoint(h2);
        vniA = ThreadLocalRandom.current().nextInt(100_000, 8_000_000);
        vniB = vniA + 1;
        brA = "nbt" + hex();
        brB = "nbt" + hex();
        l3 = UUID.randomUUID().toString();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        driver.removeDhcp(ep1, l3);
        for (TestHost h : List.of(h1, h2)) {
            sh(h, "for d in \"$@\"; do ip link del \"$d\" 2>/dev/null; done; true", brA, brB, "nvx" + vniA,
                    "nvx" + vniB, "nbtvlan0");
        }
    }

    static HostEndpoint endpoint(TestHost h) {
        return new HostEndpoint("test-" + h.name(), h.ip(), h.sshPort(), h.user(),
                new HostCredentials(null, h.privateKey(), h.hostKeyFingerprint()));
    }

    static String hex() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static String sh(TestHost h, String script, String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "PATH=\"$PATH:/usr/sbin:/sbin\"; " + script, "t"));
        argv.addAll(List.of(args));
        return TestHosts.enter(h, argv.toArray(String[]::new)).strip();
    }

    BridgeSpec vxlan(String bridge, int vni, TestHost self, TestHost... peers) {
        return new BridgeSpec(bridge, null, null,
                new BridgeSpec.Vxlan(vni, self.ip(), java.util.Arrays.stream(peers).map(TestHost::ip).toList()));
    }

    SegmentNamespace plug(TestHost h, String bridge, String mac, String ip) {
        SegmentNamespace n = SegmentNamespace.plug(h, bridge, "nbq" + hex(), mac, ip);
        open.add(n);
        return n;
    }

    @Test
    void machinesOnOneVniReachEachOtherAcrossHostsAndNoOtherVniReachesThem() throws Exception {
        driver.ensureBridge(ep1, vxlan(brA, vniA, h1, h2));
        driver.ensureBridge(ep1, vxlan(brA, vniA, h1, h2));
        driver.ensureBridge(ep2, vxlan(brA, vniA, h2, h1));
        // host names work too: each host resolves them itself
        driver.ensureBridge(ep1, new BridgeSpec(brB, null, null, new BridgeSpec.Vxlan(vniB, h1.name(),
                List.of(h2.name()))));
        driver.ensureBridge(ep2, new BridgeSpec(brB, null, null, new BridgeSpec.Vxlan(vniB, h2.name(),
                List.of(h1.name()))));
        assertEquals(h1.ip(), sh(h2, "bridge fdb show dev \"$1\" | awk '$1 == \"00:00:00:00:00:00\" {print $3}'",
                "nvx" + vniB));

        assertEquals(h2.ip(), sh(h1, "bridge fdb show dev \"$1\" | awk '$1 == \"00:00:00:00:00:00\" {print $3}'",
                "nvx" + vniA), "exactly one flood entry, once, after two identical calls");
        assertTrue(sh(h1, "ip -d link show dev \"$1\"", "nvx" + vniA)
                .matches("(?s).*mtu 1450 .*master " + brA + " .*vxlan id " + vniA + " local " + h1.ip() + " .*"),
                "the VXLAN device: MTU 1450, in the bridge, its VNI, its endpoint on the host's address");

        SegmentNamespace a1 = plug(h1, brA, "52:54:00:94:00:01", "10.94.0.1");
        SegmentNamespace a2 = plug(h2, brA, "52:54:00:94:00:02", "10.94.0.2");
        SegmentNamespace b2 = plug(h2, brB, "52:54:00:94:00:03", "10.94.0.3");
        SegmentNamespace b1 = plug(h1, brB, "52:54:00:94:00:04", "10.94.0.4");

        assertTrue(a1.ping("10.94.0.2"), "VNI A: host 1 -> host 2");
        assertTrue(a2.ping("10.94.0.1"), "VNI A: host 2 -> host 1");
        assertTrue(b1.ping("10.94.0.3"), "VNI B works too");
        assertFalse(a1.ping("10.94.0.3"), "VNI A cannot reach a machine on VNI B, same subnet");
        assertFalse(b2.ping("10.94.0.2"), "nor the other way");

        // broadcast crosses the tunnel: a DHCP server on host 1 answers a client on host 2
        driver.ensureDhcp(ep1, new DhcpSpec(l3, brA, "10.94.0.250", 24, null, List.of(),
                List.of(new DhcpSpec.Lease("52:54:00:94:00:02", "10.94.0.20", null)), 1450));
        assertEquals("10.94.0.20 from 10.94.0.250", a2.dhcpLease());
        assertTrue(sh(h1, "cat \"$1\"", KvmNetworkNames.dhcpDir(l3) + "/args").contains("--dhcp-option=26,1450"),
                "guests are told the VXLAN MTU");

        // the flood list follows the spec exactly: a peer that is gone is dropped
        driver.ensureBridge(ep1, vxlan(brA, vniA, h1));
        assertEquals("", sh(h1, "bridge fdb show dev \"$1\" | awk '$1 == \"00:00:00:00:00:00\" {print $3}'",
                "nvx" + vniA));
        driver.ensureBridge(ep1, vxlan(brA, vniA, h1, h2));
        assertEquals(h2.ip(), sh(h1, "bridge fdb show dev \"$1\" | awk '$1 == \"00:00:00:00:00:00\" {print $3}'",
                "nvx" + vniA));
    }

    @Test
    void aDeviceWithOtherSettingsIsRefusedAndWhatTheCallCreatedIsRemoved() throws Exception {
        sh(h1, "ip link add name \"$1\" type vxlan id \"$2\" local 10.94.9.9 dstport 4789", "nvx" + vniA,
                Integer.toString(vniA));
        DriverException e = assertThrows(DriverException.class,
                () -> driver.ensureBridge(ep1, vxlan(brA, vniA, h1, h2)));
        assertTrue(e.getMessage().contains("is not VXLAN " + vniA + " with its endpoint on " + h1.ip()),
                e.getMessage());
        assertEquals("no", sh(h1, "ip link show dev \"$1\" >/dev/null 2>&1 && echo yes || echo no", brA),
                "the bridge this call created is gone");
        assertEquals("yes", sh(h1, "ip link show dev \"$1\" >/dev/null 2>&1 && echo yes || echo no", "nvx" + vniA),
                "the device that was there stays");
    }

    @Test
    void aVlanBridgeFailsOnAKernelWithout8021qAndLeavesNothing() {
        sh(h1, "ip link add nbtvlan0 type veth peer name nbtvlan1");
        DriverException e = assertThrows(DriverException.class,
                () -> driver.ensureBridge(ep1, new BridgeSpec(brA, "nbtvlan0", 42, null)));
        assertTrue(e.getMessage().contains("cannot create the 802.1Q interface nbtvlan0.42"), e.getMessage());
        assertEquals("no no", sh(h1, "for d in \"$@\"; do ip link show dev \"$d\" >/dev/null 2>&1 && printf yes"
                + " || printf no; printf ' '; done", brA, "nbtvlan0.42"));
    }

    @Test
    void invalidVxlanValuesNeverReachTheHost() {
        for (BridgeSpec bad : List.of(
                new BridgeSpec(brA, null, null, new BridgeSpec.Vxlan(0, h1.ip(), List.of())),
                new BridgeSpec(brA, null, null, new BridgeSpec.Vxlan(16_777_215, h1.ip(), List.of())),
                new BridgeSpec(brA, null, null, new BridgeSpec.Vxlan(5, "10.0.0.1;reboot", List.of())),
                new BridgeSpec(brA, null, null, new BridgeSpec.Vxlan(5, h1.ip(), List.of("$(touch /tmp/x)"))),
                new BridgeSpec(brA, null, null, new BridgeSpec.Vxlan(5, h1.ip(), List.of("-i"))),
                new BridgeSpec(brA, null, null, new BridgeSpec.Vxlan(5, "fe80::1", List.of())),
                new BridgeSpec(brA, null, null, new BridgeSpec.Vxlan(5, h1.ip(), List.of(h1.ip()))),
                new BridgeSpec(brA, "eth0", 0, null), new BridgeSpec(brA, "longinterface", 4094, null))) {
            DriverException e = assertThrows(DriverException.class, () -> driver.ensureBridge(ep1, bad));
            assertTrue(e.getMessage().startsWith("refusing an invalid"), e.getMessage());
        }
        assertEquals("no", sh(h1, "ip link show dev \"$1\" >/dev/null 2>&1 && echo yes || echo no", brA));
    }
}
