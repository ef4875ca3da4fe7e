package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Api;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: backup storage attached to zones. Attached to none it serves every zone; attached to some, VMs of other
 * zones cannot be made from its images (400 on imageId at request time, nothing created); detached from its last zone
 * it serves all again. Admins only; unknown zones are 400s.
 */
@QuarkusTest
class BackupStorageZonesTest {

    @Inject
    SimulatorControl simulator;

    @Test
    void imagesAreUsableOnlyInTheZonesTheirStoreServes() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 4);
        String bs = as(Tokens.ADMIN).get("/v1/images/" + c.image()).path("backupStorageId");
        String url = "/v1/backup-storage/" + bs + "/zones";
        as(Tokens.ADMIN).get("/v1/backup-storage/" + bs).then().body("zones", empty());
        String other = Api.zone(unique("bz"));

        as(Tokens.ADMIN).body(Map.of("zoneId", other)).post(url).then().statusCode(200)
                .body("zones.id", is(List.of(other)));
        as(Tokens.ADMIN).body(Map.of("zoneId", other)).post(url).then().statusCode(200)
                .body("zones.id", is(List.of(other)));
        long vmsBefore = as(Tokens.ALICE).get("/v1/vm-instances?size=100").jsonPath().getLong("total");
        as(Tokens.ALICE).body(VmFixtures.vmBody(c, unique("nozone"))).post("/v1/vm-instances").then()
                .statusCode(400).body("errors.field", hasItem("imageId"));
        assertEquals(vmsBefore, as(Tokens.ALICE).get("/v1/vm-instances?size=100").jsonPath().getLong("total"),
                "nothing was made");

        as(Tokens.ADMIN).body(Map.of("zoneId", c.zone())).post(url).then().statusCode(200)
                .body("zones.id", hasItem(c.zone()));
        JsonPath made = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("zoned")));
        assertEquals("Succeeded", made.getString("state"), made.prettify());

        as(Tokens.ADMIN).delete(url + "/" + c.zone()).then().statusCode(200).body("zones.id", is(List.of(other)));
        as(Tokens.ALICE).body(VmFixtures.vmBody(c, unique("nozone"))).post("/v1/vm-instances").then()
                .statusCode(400).body("errors.field", hasItem("imageId"));
        as(Tokens.ADMIN).delete(url + "/" + other).then().statusCode(200).body("zones", empty());
        JsonPath again = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("global")));
        assertEquals("Succeeded", again.getString("state"), "serving every zone again: " + again.prettify());

        as(Tokens.ADMIN).body(Map.of("zoneId", "00000000-0000-0000-0000-000000000000")).post(url).then()
                .statusCode(400).body("errors.field", hasItem("zoneId"));
        as(Tokens.ADMIN).body(Map.of()).post(url).then().statusCode(400).body("errors.field", hasItem("zoneId"));
        as(Tokens.ALICE).body(Map.of("zoneId", other)).post(url).then().statusCode(403);
        VmMigrationTest.destroy(made.getString("resourceId"));
        VmMigrationTest.destroy(again.getString("resourceId"));
    }
}
