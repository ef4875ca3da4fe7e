package io.nubis.driver.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 13: a domain defined before consoles existed gets the VNC device new VMs have, and nothing else changes. */
class DomainConsoleUpgradeTest {

    static final String OLD = """
            <domain type='qemu'>
              <name>nubis-x</name>
              <devices>
                <disk type='file' device='disk'><source file='/v/a b.qcow2'/><target dev='vda' bus='virtio'/></disk>
                <serial type='pty'><target port='0'/></serial>
              </devices>
            </domain>
            """;

    @Test
    void aDomainWithoutGraphicsGetsVncOnLoopbackAndVga() {
        String xml = DomainConsoleUpgrade.withConsole(OLD).orElseThrow();
        assertTrue(xml.contains("<graphics autoport=\"yes\" listen=\"127.0.0.1\" port=\"-1\" type=\"vnc\">"), xml);
        assertTrue(xml.contains("<listen address=\"127.0.0.1\" type=\"address\"/>"), xml);
        assertTrue(xml.contains("<video><model type=\"vga\"/></video>"), xml);
        assertTrue(xml.contains("<source file=\"/v/a b.qcow2\"/>"), "the rest stays: " + xml);
        assertTrue(xml.contains("<serial type=\"pty\">"), xml);
        // upgraded once: a second start leaves it alone
        assertEquals(Optional.empty(), DomainConsoleUpgrade.withConsole(xml));
    }

    @Test
    void aNewDomainIsLeftAlone() {
        String fresh = OLD.replace("</devices>", "<graphics type='vnc' port='-1'/><video><model type='cirrus'/>"
                + "</video></devices>");
        assertEquals(Optional.empty(), DomainConsoleUpgrade.withConsole(fresh));
    }

    @Test
    void whatIsNotADomainDefinitionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DomainConsoleUpgrade.withConsole("<domain/>"));
        assertThrows(IllegalArgumentException.class, () -> DomainConsoleUpgrade.withConsole("not xml"));
        assertThrows(IllegalArgumentException.class, () -> DomainConsoleUpgrade.withConsole(
                "<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain><devices>&x;</devices></domain>"));
    }
}
