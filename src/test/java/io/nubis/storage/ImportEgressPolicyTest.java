package io.nubis.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The egress policy of URL imports on address literals (no name lookups in a unit test). */
class ImportEgressPolicyTest {

    static final List<ImportEgressPolicy.Block> NONE = List.of();

    static ImportEgressPolicy.Decision check(String url) {
        return ImportEgressPolicy.check(url, NONE, NONE);
    }

    @Test
    void internalAndReservedAddressesAreRefused() {
        for (String host : List.of("127.0.0.1", "127.1.2.3", "0.0.0.0", "10.61.0.11", "172.16.5.4", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "255.255.255.255", "198.18.0.1",
                "192.0.0.8", "[::1]", "[fe80::1]", "[fd00::1]", "[::ffff:127.0.0.1]", "[::ffff:10.0.0.1]", "[::]",
                "[64:ff9b::a00:1]")) {
            ImportEgressPolicy.Decision d = check("http://" + host + ":8180/x.qcow2");
            assertFalse(d.allowed(), host);
            assertTrue(d.refusal().contains("internal or reserved"), host + ": " + d.refusal());
        }
    }

    @Test
    void publicAddressesAreAllowedWithoutAPinForLiterals() {
        ImportEgressPolicy.Decision d = check("https://93.184.215.14/images/x.qcow2");
        assertTrue(d.allowed(), d.refusal());
        assertEquals(443, d.port());
        assertNull(d.pinnedAddress(), "an address literal needs no pin");
        assertTrue(check("http://[2a00:1450:4001:80b::200e]/x").allowed());
        assertTrue(check("http://172.32.0.1/x").allowed(), "just outside 172.16/12");
    }

    @Test
    void onlyHttpAndHttpsWithoutUserInfo() {
        for (String url : List.of("file:///etc/passwd", "ftp://93.184.215.14/x", "gopher://93.184.215.14/x",
                "http://user:pw@93.184.215.14/x", "http:///x", "not a url")) {
            assertFalse(check(url).allowed(), url);
        }
    }

    @Test
    void theAllowListOpensAnInternalMirrorAndTheDenyListWins() {
        List<ImportEgressPolicy.Block> allowed = ImportEgressPolicy.blocks(List.of("10.61.0.12/32"));
        assertTrue(ImportEgressPolicy.check("http://10.61.0.12:8099/g.qcow2", allowed, NONE).allowed());
        assertFalse(ImportEgressPolicy.check("http://10.61.0.11:8099/g.qcow2", allowed, NONE).allowed());
        List<ImportEgressPolicy.Block> denied = ImportEgressPolicy.blocks(List.of("10.61.0.0/24", "93.184.0.0/16"));
        assertFalse(ImportEgressPolicy.check("http://10.61.0.12:8099/g.qcow2", allowed, denied).allowed());
        assertFalse(ImportEgressPolicy.check("http://93.184.215.14/g.qcow2", NONE, denied).allowed(),
                "a denied public range (e.g. the management network's) is refused too");
    }

    @Test
    void blocksParseLiteralsOnly() {
        assertThrows(IllegalArgumentException.class, () -> ImportEgressPolicy.Block.parse("example.com/32"));
        assertThrows(IllegalArgumentException.class, () -> ImportEgressPolicy.Block.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> ImportEgressPolicy.Block.parse("10.0.0.0"));
        assertTrue(ImportEgressPolicy.Block.parse("10.0.0.0/9").contains(addr("10.127.255.255")));
        assertFalse(ImportEgressPolicy.Block.parse("10.0.0.0/9").contains(addr("10.128.0.0")));
    }

    private static java.net.InetAddress addr(String literal) {
        try {
            return java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
