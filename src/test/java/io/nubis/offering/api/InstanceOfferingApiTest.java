package io.nubis.offering.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nubis.iam.Caller;
import io.nubis.offering.OfferingService;
import io.nubis.offering.ScriptedOfferingUsage;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InstanceOfferingApiTest {

    @Inject
    OfferingService offerings;
    @Inject
    ScriptedOfferingUsage usage;

    static Map<String, Object> body(String name, Object cpus, Object memoryMib, String strategy) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("cpus", cpus);
        b.put("memoryMib", memoryMib);
        if (strategy != null) {
            b.put("allocatorStrategy", strategy);
        }
        return b;
    }

    static long countNamed(String name) {
        return as(Tokens.ADMIN).queryParam("name", name).get("/v1/instance-offerings").then().statusCode(200)
                .extract().jsonPath().getLong("total");
    }

    @Test
    void adminCreatesChangesDisablesAndDeletesAnOffering() {
        String name = unique("small");
        String id = as(Tokens.ADMIN).body(body(name, 2, 2048, null)).post("/v1/instance-offerings").then()
                .statusCode(201).body("cpus", is(2)).body("memoryMib", is(2048))
                .body("allocatorStrategy", is("LeastUsed")).body("state", is("Enabled")).extract().path("id");
        as(Tokens.ADMIN).get("/v1/instance-offerings/" + id).then().statusCode(200).body("name", is(name));
        as(Tokens.ADMIN).body(body(name + "-b", 4, 8192, "FirstFit")).put("/v1/instance-offerings/" + id).then()
                .statusCode(200).body("name", is(name + "-b")).body("cpus", is(4))
                .body("allocatorStrategy", is("FirstFit"));
        as(Tokens.ADMIN).post("/v1/instance-offerings/" + id + "/disable").then().statusCode(200)
                .body("state", is("Disabled"));
        as(Tokens.ADMIN).queryParam("state", "Disabled").queryParam("name", name).get("/v1/instance-offerings")
                .then().body("total", is(1));
        as(Tokens.ADMIN).post("/v1/instance-offerings/" + id + "/enable").then().body("state", is("Enabled"));
        as(Tokens.ADMIN).delete("/v1/instance-offerings/" + id).then().statusCode(204);
        as(Tokens.ADMIN).get("/v1/instance-offerings/" + id).then().statusCode(404);
    }

    @Test
    void everyInvalidFieldIsA400WithItsNameAndNothingIsWritten() {
        String name = unique("bad");
        record Case(Map<String, Object> body, String field, String code) {
        }
        for (Case c : new Case[]{new Case(body(name, 0, 1024, null), "cpus", "error_range"),
                new Case(body(name, 129, 1024, null), "cpus", "error_range"),
                new Case(body(name, 1, 63, null), "memoryMib", "error_range"),
                new Case(body(name, 1, 1048577, null), "memoryMib", "error_range"),
                new Case(body(name, null, 1024, null), "cpus", "error_required"),
                new Case(body(name, 1, 1024, "Random"), "allocatorStrategy", "error_enum"),
                new Case(body("", 1, 1024, null), "name", "error_required"),
                new Case(body("x$(touch /tmp/nubis-pwned);a", 1, 1024, null), "name", "error_name_format")}) {
            as(Tokens.ADMIN).body(c.body()).post("/v1/instance-offerings").then().statusCode(400)
                    .body("errors.field", hasItem(c.field())).body("errors.code", hasItem(c.code()));
        }
        assertEquals(0, countNamed(name));
        as(Tokens.ADMIN).body(body(name, 1, 64, null)).post("/v1/instance-offerings").then().statusCode(201);
        as(Tokens.ADMIN).body(body(name, 128, 1048576, null)).post("/v1/instance-offerings").then().statusCode(400)
                .body("errors[0].field", is("name")).body("errors[0].code", is("error_name_taken"));
        assertEquals(1, countNamed(name));
    }

    @Test
    void tenantsSeeEnabledOfferingsOnlyAndMayNotChangeThem() {
        String on = unique("on");
        String off = unique("off");
        String onId = as(Tokens.ADMIN).body(body(on, 1, 512, null)).post("/v1/instance-offerings").then()
                .statusCode(201).extract().path("id");
        String offId = as(Tokens.ADMIN).body(body(off, 1, 512, null)).post("/v1/instance-offerings").then()
                .statusCode(201).extract().path("id");
        as(Tokens.ADMIN).post("/v1/instance-offerings/" + offId + "/disable").then().statusCode(200);

        as(Tokens.ALICE).queryParam("size", 500).get("/v1/instance-offerings").then().statusCode(200)
                .body("items.id", hasItem(onId)).body("items.id", not(hasItem(offId)))
                .body("items.state", everyItem(is("Enabled")));
        as(Tokens.ALICE).get("/v1/instance-offerings/" + onId).then().statusCode(200);
        as(Tokens.ALICE).get("/v1/instance-offerings/" + offId).then().statusCode(404);
        as(Tokens.ALICE).body(body(unique("t"), 1, 512, null)).post("/v1/instance-offerings").then().statusCode(403);
        as(Tokens.ALICE).body(body(on, 8, 512, null)).put("/v1/instance-offerings/" + onId).then().statusCode(403);
        as(Tokens.ALICE).post("/v1/instance-offerings/" + onId + "/disable").then().statusCode(403);
        as(Tokens.ALICE).delete("/v1/instance-offerings/" + onId).then().statusCode(403);
        as(Tokens.ADMIN).get("/v1/instance-offerings/" + onId).then().body("cpus", is(1)).body("state", is("Enabled"));
    }

    @Test
    void theVmServiceGetsEnabledOfferingsOnly() {
        String id = as(Tokens.ADMIN).body(body(unique("use"), 2, 1024, null)).post("/v1/instance-offerings").then()
                .statusCode(201).extract().path("id");
        Caller alice = new Caller(null, "alice", "00000000-0000-0000-0000-0000000000aa", "acme", false);
        assertEquals(2, offerings.getForUse(alice, id).cpus());
        as(Tokens.ADMIN).post("/v1/instance-offerings/" + id + "/disable").then().statusCode(200);
        InvalidInputException disabled = assertThrows(InvalidInputException.class,
                () -> offerings.getForUse(alice, id));
        assertEquals("offeringId", disabled.errors().get(0).field());
        assertEquals("error_offering_disabled", disabled.errors().get(0).key());
        assertThrows(NotFoundException.class,
                () -> offerings.getForUse(Caller.system(), "00000000-0000-0000-0000-00000000dead"));
    }

    /** The seam compute implements: an offering VMs use cannot be deleted. */
    @Test
    void anOfferingInUseIsNotDeleted() {
        String id = as(Tokens.ADMIN).body(body(unique("busy"), 1, 256, null)).post("/v1/instance-offerings").then()
                .statusCode(201).extract().path("id");
        usage.set(id, 3);
        try {
            as(Tokens.ADMIN).delete("/v1/instance-offerings/" + id).then().statusCode(409)
                    .body("code", is("error_offering_in_use")).body("detail", containsString("used by 3"));
            as(Tokens.ADMIN).get("/v1/instance-offerings/" + id).then().statusCode(200);
            as(Tokens.ADMIN).queryParam("action", "instance-offering.delete").queryParam("targetId", id)
                    .get("/v1/audit-events").then().statusCode(200).body("items[0].result", is("FAILURE"));
        } finally {
            usage.set(id, 0);
        }
        as(Tokens.ADMIN).delete("/v1/instance-offerings/" + id).then().statusCode(204);
    }
}
