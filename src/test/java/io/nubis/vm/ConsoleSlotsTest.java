package io.nubis.vm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A tenant cannot open consoles without bound: at most 2 per VM and 200 per server (each holds an SSH login). */
class ConsoleSlotsTest {

    @Test
    void consolesAreBoundedPerVmAndPerServer() {
        ConsoleProxy proxy = new ConsoleProxy();
        assertTrue(proxy.takeSlot("c1", "vm-a"));
        assertTrue(proxy.takeSlot("c2", "vm-a"));
        assertFalse(proxy.takeSlot("c3", "vm-a"), "a third console of one VM");
        assertTrue(proxy.takeSlot("c4", "vm-b"), "another VM still gets one");
        for (int i = 0; i < ConsoleProxy.MAX_OPEN - 3; i++) {
            assertTrue(proxy.takeSlot("x" + i, "vm-" + i));
        }
        assertFalse(proxy.takeSlot("last", "vm-new"), "the server is full");
    }
}
