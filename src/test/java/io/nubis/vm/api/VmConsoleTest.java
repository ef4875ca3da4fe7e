package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.ConsoleClient;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.nubis.vm.VmFixtures.Cloud;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Console tickets and the console WebSocket on the simulator (issue 13): who gets a ticket, and every way a ticket is
 * refused before anything reaches a host (the RFB session itself is tested on the real hosts, VmKvmEndToEndTest).
 */
@QuarkusTest
class VmConsoleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    SimulatorControl simulator;
    @Inject
    DataSource db;

    @Test
    void ticketsAreForRunningVmsTheCallerMaySee() {
        Cloud c = VmFixtures.simulated(simulator, 1, 4, 8192, 5);
        String vm = running(c);
        JsonPath t = as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/console").then().statusCode(201).extract()
                .jsonPath();
        assertTrue(t.getString("token").matches("[A-Za-z0-9_-]{43}"), t.prettify());
        assertEquals("/console/ws/" + vm + "?token=" + t.getString("token"), t.getString("path"));
        as(Tokens.BOB).post("/v1/vm-instances/" + vm + "/console").then().statusCode(404);
        as(Tokens.ALICE).queryParam("action", "vm.console").queryParam("targetId", vm).get("/v1/audit-events").then()
                .statusCode(200)
                .body("items[0].targetId", is(vm));

        Jobs.awaitFinal(as(Tokens.ALICE).queryParam("force", "true").post("/v1/vm-instances/" + vm + "/stop").then()
                .statusCode(202).extract().path("jobId"));
        as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/console").then().statusCode(409)
                .body("code", is("error_console_not_running"));
    }

    @Test
    void aTicketWorksOnceForItsVmInTimeAndOtherwiseTheSocketIsRefused() throws Exception {
        Cloud c = VmFixtures.simulated(simulator, 1, 4, 8192, 5);
        String vm = running(c);
        String other = running(c);

        // another VM's ticket, no ticket, a made-up ticket: refused (policy violation) and the ticket stays unused
        String forOther = ticket(other);
        assertEquals(1008, closeCode("/console/ws/" + vm + "?token=" + forOther));
        assertEquals(1008, closeCode("/console/ws/" + vm));
        assertEquals(1008, closeCode("/console/ws/" + vm + "?token=" + "A".repeat(43)));
        // the right ticket passes the check (the simulator then has no screen to show: 1011), and only once
        String ticket = ticket(vm);
        assertEquals(1011, closeCode("/console/ws/" + vm + "?token=" + ticket));
        assertEquals(1008, closeCode("/console/ws/" + vm + "?token=" + ticket));
        // the other VM's ticket still works for its own VM (a refused use does not consume it)
        assertEquals(1011, closeCode("/console/ws/" + other + "?token=" + forOther));
        // an expired ticket
        String late = ticket(vm);
        try (Connection conn = db.getConnection();
                PreparedStatement st = conn.prepareStatement(
                        "UPDATE console_token SET expires_at = NOW(6) - INTERVAL 1 SECOND WHERE vm_id = ? AND used_at IS NULL")) {
            st.setString(1, vm);
            assertEquals(1, st.executeUpdate());
            conn.commit();
        }
        assertEquals(1008, closeCode("/console/ws/" + vm + "?token=" + late));
    }

    @Test
    void theSerialOutputIsReadableByTheOwnerOnly() {
        Cloud c = VmFixtures.simulated(simulator, 1, 4, 8192, 5);
        String vm = running(c);
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm + "/console-log").then().statusCode(200)
                .body("output", containsString("[simulator] nubis-" + vm + " boot 1"));
        as(Tokens.BOB).get("/v1/vm-instances/" + vm + "/console-log").then().statusCode(404);
        simulator.setReachable(c.hostAddresses().get(0), false);
        try {
            as(Tokens.ALICE).get("/v1/vm-instances/" + vm + "/console-log").then().statusCode(409)
                    .body("code", is("error_console_log_unavailable"));
        } finally {
            simulator.setReachable(c.hostAddresses().get(0), true);
        }
    }

    private static String running(Cloud c) {
        JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("con")));
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        return job.getString("resourceId");
    }

    private static String ticket(String vm) {
        return as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/console").then().statusCode(201).extract()
                .path("token");
    }

    private static Integer closeCode(String path) throws Exception {
        try (ConsoleClient client = ConsoleClient.open(path)) {
            return client.closeCode(WAIT);
        }
    }
}
