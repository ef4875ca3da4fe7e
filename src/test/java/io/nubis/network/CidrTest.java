package io.nubis.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void parsesAndComputesTheSubnet() {
        Cidr c = Cidr.parse("10.20.4.0/22");
        assertEquals("10.20.4.0/22", c.toString());
        assertEquals("255.255.252.0", c.netmask());
        assertEquals("10.20.7.255", Ipv4.format(c.broadcast()));
        assertTrue(c.isHostAddress(Ipv4.parse("10.20.4.1")));
        assertFalse(c.isHostAddress(Ipv4.parse("10.20.4.0")));
        assertFalse(c.isHostAddress(Ipv4.parse("10.20.7.255")));
        assertTrue(c.contains(Ipv4.parse("10.20.7.255")));
        assertFalse(c.contains(Ipv4.parse("10.20.8.0")));
        assertTrue(c.overlaps(Cidr.parse("10.20.6.0/24")));
        assertFalse(c.overlaps(Cidr.parse("10.20.8.0/24")));
        assertEquals("255.0.0.0", Cidr.parse("10.0.0.0/8").netmask());
        assertEquals(Ipv4.parse("255.255.255.255"), 0xffffffffL);
    }

    @Test
    void saysWhatIsWrong() {
        assertNull(Cidr.problem("192.168.1.0/24"));
        assertEquals(Cidr.Problem.HOST_BITS, Cidr.problem("192.168.1.1/24"));
        assertEquals(Cidr.Problem.PREFIX, Cidr.problem("192.168.1.0/31"));
        assertEquals(Cidr.Problem.PREFIX, Cidr.problem("10.0.0.0/7"));
        for (String bad : new String[]{null, "", "10.0.0.0", "10.0.0/24", "010.0.0.0/24", "256.0.0.0/24",
                "10.0.0.0/24 ", "fd00::/64", "10.0.0.0/2x", "a.b.c.d/24"}) {
            assertEquals(Cidr.Problem.FORMAT, Cidr.problem(bad), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1/24"));
        assertFalse(Ipv4.isValid("1.2.3.04"));
        assertFalse(Ipv4.isValid("1.2.3"));
        assertTrue(Ipv4.isValid("0.0.0.0"));
    }
}
