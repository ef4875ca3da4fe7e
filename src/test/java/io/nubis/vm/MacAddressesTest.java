package io.nubis.vm;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A NIC keeps its MAC address after its VM is destroyed, so the addresses in use only grow; a new NIC's address is
 * drawn again when a NIC already holds it (a bench run of 1,200 NICs once drew a taken one and the create failed with a
 * 500).
 */
@QuarkusTest
class MacAddressesTest {

    @Inject
    SimulatorControl simulator;

    @Test
    void anAddressANicAlreadyHoldsIsDrawnAgain() {
        VmFixtures.Cloud cloud = VmFixtures.simulated(simulator, 1, 8, 16384, 20);
        JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("mac")));
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        String taken = as(Tokens.ALICE).get("/v1/vm-instances/" + job.getString("resourceId")).path("nics[0].mac");

        // the source of random bits gives the taken address first, then two free ones, the second of them twice
        Scripted bits = new Scripted(taken, "52:54:00:fe:00:01", "52:54:00:fe:00:02", "52:54:00:fe:00:02",
                "52:54:00:fe:00:03");
        List<String> fresh = QuarkusTransaction.requiringNew().call(() -> new MacAddresses(bits).fresh(3));
        assertEquals(List.of("52:54:00:fe:00:01", "52:54:00:fe:00:02", "52:54:00:fe:00:03"), fresh);
    }

    /** Random bits that spell the given MAC addresses' last three bytes, in order. */
    static final class Scripted extends Random {

        private final Deque<byte[]> next = new ArrayDeque<>();

        Scripted(String... macs) {
            for (String mac : macs) {
                next.add(HexFormat.ofDelimiter(":").parseHex(mac.substring(9)));
            }
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(next.removeFirst(), 0, bytes, 0, bytes.length);
        }
    }
}
