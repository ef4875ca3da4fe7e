package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Where a new VM may go: a disabled zone takes none (issue 7, part 3), and takes them again once enabled. */
@QuarkusTest
class VmPlacementRulesTest {

    @Inject
    SimulatorControl simulator;

    @Test
    void aDisabledZoneTakesNoNewVms() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 8);
        as(Tokens.ADMIN).post("/v1/zones/" + c.zone() + "/disable").then().statusCode(200);
        JsonPath refused = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("off")));
        assertEquals("RolledBack", refused.getString("state"), refused.prettify());
        as(Tokens.ADMIN).post("/v1/zones/" + c.zone() + "/enable").then().statusCode(200);
        JsonPath ok = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("on")));
        assertEquals("Succeeded", ok.getString("state"), ok.prettify());
    }
}
