package io.nubis.driver.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.VmPowerState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing virsh output, with output captured from libvirt 9.0 on the test hosts ({@code LC_ALL=C}). */
class VirshOutputTest {

    static final String A = "0a6d1c2e-7c1f-4b7e-9d7a-2f4c8e1b9a01";
    static final String B = "1b7e2d3f-8d2a-4c8f-8e8b-3a5d9f2cab02";
    static final String C = "2c8f3e4a-9e3b-4d9a-9f9c-4b6eaa3dbc03";

    /** {@code virsh list --all} on nubis-host1: a running, a paused, a foreign and a shut-off domain. */
    static final String LIST = """
             Id   Name                                         State
            -------------------------------------------------------------
             8    nubis-0a6d1c2e-7c1f-4b7e-9d7a-2f4c8e1b9a01   running
             9    nubis-1b7e2d3f-8d2a-4c8f-8e8b-3a5d9f2cab02   paused
             10   lab-other-vm                                 running
             -    nubis-2c8f3e4a-9e3b-4d9a-9f9c-4b6eaa3dbc03   shut off

            """;
    /** The same with {@code -q} (no header). */
    static final String LIST_QUIET = """
             8    nubis-0a6d1c2e-7c1f-4b7e-9d7a-2f4c8e1b9a01   running
             9    nubis-1b7e2d3f-8d2a-4c8f-8e8b-3a5d9f2cab02   paused
             10   lab-other-vm                                 running
             -    nubis-2c8f3e4a-9e3b-4d9a-9f9c-4b6eaa3dbc03   shut off
            """;
    /** A host without domains. */
    static final String EMPTY = """
             Id   Name   State
            --------------------

            """;

    @Test
    void listShowsNubisDomainsOnlyWithTheirStates() {
        for (String out : List.of(LIST, LIST_QUIET)) {
            Map<String, DomainState> vms = VirshOutput.parseList(out);
            assertEquals(Map.of(A, DomainState.RUNNING, B, DomainState.PAUSED, C, DomainState.SHUT_OFF), vms);
        }
        assertTrue(VirshOutput.parseList(EMPTY).isEmpty());
        assertTrue(VirshOutput.parseList("").isEmpty());
    }

    @Test
    void statesWithSpacesAndTheRareOnesParse() {
        // rows in the layout above with the states libvirt prints for them (not captured: hard to provoke)
        String out = " 3    nubis-" + A + "   in shutdown\n 4    nubis-" + B + "   pmsuspended\n"
                + " 5    nubis-" + C + "   crashed\n";
        assertEquals(Map.of(A, DomainState.IN_SHUTDOWN, B, DomainState.PMSUSPENDED, C, DomainState.CRASHED),
                VirshOutput.parseList(out));
    }

    @Test
    void libvirtStatesMapToPowerStates() {
        assertEquals(VmPowerState.Running, DomainState.parse("running").power());
        assertEquals(VmPowerState.Running, DomainState.parse("idle").power());
        assertEquals(VmPowerState.Running, DomainState.parse("blocked").power());
        assertEquals(VmPowerState.Running, DomainState.parse("in shutdown").power());
        assertEquals(VmPowerState.Paused, DomainState.parse("paused").power());
        assertEquals(VmPowerState.Paused, DomainState.parse("pmsuspended").power());
        assertEquals(VmPowerState.Stopped, DomainState.parse("shut off").power());
        assertEquals(VmPowerState.Crashed, DomainState.parse("crashed").power());
    }

    @Test
    void domstateIsItsFirstLine() {
        assertEquals(DomainState.RUNNING, VirshOutput.parseDomstate("running\n\n"));
        assertEquals(DomainState.SHUT_OFF, VirshOutput.parseDomstate("shut off\n\n"));
        assertThrows(IllegalArgumentException.class, () -> VirshOutput.parseDomstate("\n\n"));
        assertThrows(IllegalArgumentException.class, () -> VirshOutput.parseDomstate("laufend\n"));
    }

    @Test
    void anUnknownStateOfANubisDomainIsAnErrorNotAGuess() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VirshOutput.parseList(" 8    nubis-" + A + "   hibernating\n"));
        assertTrue(e.getMessage().contains("hibernating"), e.getMessage());
        assertTrue(VirshOutput.parseList(" 8    other   hibernating\n").isEmpty());
    }

    /** {@code virsh domblklist} as libvirt 9 prints it (captured on a test host), and a CD-ROM without medium. */
    @Test
    void blockListMapsTargetsToSources() {
        String out = """
                 Target   Source
                ------------------------------------------------------------------
                 vda      /var/lib/nubis/ps/volumes/0b1c.qcow2
                 vdb      /var/lib/nubis/ps/volumes/data 1.qcow2
                 sda      -

                """;
        assertEquals(Map.of("vda", "/var/lib/nubis/ps/volumes/0b1c.qcow2", "vdb",
                "/var/lib/nubis/ps/volumes/data 1.qcow2"), VirshOutput.parseBlockList(out));
        assertEquals(Map.of(), VirshOutput.parseBlockList(""));
    }
}
