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
import io.nubis.offering.DiskOfferingService;
import io.nubis.offering.ScriptedDiskOfferingUsage;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Disk offerings (issue 8): the same conventions as instance offerings. */
@QuarkusTest
class DiskOfferingApiTest {

    static final String API = "/v1/disk-offerings";

    @Inject
    DiskOfferingService offerings;
    @Inject
    ScriptedDiskOfferingUsage usage;

    static Map<String, Object> body(String name, Object sizeGib) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("sizeGib", sizeGib);
        return b;
    }

    static long countNamed(String name) {
        return as(Tokens.ADMIN).queryParam("name", name).get(API).then().statusCode(200).extract().jsonPath()
                .getLong("total");
    }

    @Test
    void adminCreatesChangesDisablesAndDeletesADiskOffering() {
        String name = unique("disk");
        String id = as(Tokens.ADMIN).body(body(name, 20)).post(API).then().statusCode(201).body("sizeGib", is(20))
                .body("state", is("Enabled")).extract().path("id");
        as(Tokens.ADMIN).get(API + "/" + id).then().statusCode(200).body("name", is(name));
        Map<String, Object> changed = body(name + "-b", 40);
        changed.put("description", "bigger");
        as(Tokens.ADMIN).body(changed).put(API + "/" + id).then().statusCode(200).body("name", is(name + "-b"))
                .body("sizeGib", is(40)).body("description", is("bigger"));
        as(Tokens.ADMIN).post(API + "/" + id + "/disable").then().statusCode(200).body("state", is("Disabled"));
        as(Tokens.ADMIN).queryParam("state", "Disabled").queryParam("name", name).get(API).then().body("total", is(1));
        as(Tokens.ADMIN).post(API + "/" + id + "/enable").then().body("state", is("Enabled"));
        as(Tokens.ADMIN).queryParam("action", "disk-offering.update").queryParam("targetId", id)
                .get("/v1/audit-events").then().statusCode(200).body("items[0].result", is("SUCCESS"));
        as(Tokens.ADMIN).delete(API + "/" + id).then().statusCode(204);
        as(Tokens.ADMIN).get(API + "/" + id).then().statusCode(404);
    }

    @Test
    void everyInvalidFieldIsA400WithItsNameAndNothingIsWritten() {
        String name = unique("baddisk");
        record Case(Map<String, Object> body, String field, String code) {
        }
        for (Case c : new Case[]{new Case(body(name, 0), "sizeGib", "error_range"),
                new Case(body(name, 65537), "sizeGib", "error_range"),
                new Case(body(name, -5), "sizeGib", "error_range"),
                new Case(body(name, null), "sizeGib", "error_required"),
                new Case(body("", 10), "name", "error_required"),
                new Case(body("d$(touch /tmp/nubis-pwned);a", 10), "name", "error_name_format")}) {
            as(Tokens.ADMIN).body(c.body()).post(API).then().statusCode(400).body("errors.field", hasItem(c.field()))
                    .body("errors.code", hasItem(c.code()));
        }
        as(Tokens.ADMIN).body(Map.of("name", name, "sizeGib", "ten")).post(API).then().statusCode(400)
                .body("errors.field", hasItem("sizeGib"));
        assertEquals(0, countNamed(name));
        as(Tokens.ADMIN).body(body(name, 1)).post(API).then().statusCode(201);
        as(Tokens.ADMIN).body(body(name, 65536)).post(API).then().statusCode(400).body("errors[0].field", is("name"))
                .body("errors[0].code", is("error_name_taken"));
        assertEquals(1, countNamed(name));
    }

    @Test
    void tenantsSeeEnabledDiskOfferingsOnlyAndMayNotChangeThem() {
        String onId = as(Tokens.ADMIN).body(body(unique("don"), 5)).post(API).then().statusCode(201).extract()
                .path("id");
        String offId = as(Tokens.ADMIN).body(body(unique("doff"), 5)).post(API).then().statusCode(201).extract()
                .path("id");
        as(Tokens.ADMIN).post(API + "/" + offId + "/disable").then().statusCode(200);

        as(Tokens.ALICE).queryParam("size", 500).get(API).then().statusCode(200).body("items.id", hasItem(onId))
                .body("items.id", not(hasItem(offId))).body("items.state", everyItem(is("Enabled")));
        as(Tokens.ALICE).get(API + "/" + onId).then().statusCode(200);
        as(Tokens.ALICE).get(API + "/" + offId).then().statusCode(404);
        as(Tokens.ALICE).body(body(unique("t"), 5)).post(API).then().statusCode(403);
        as(Tokens.ALICE).body(body(unique("t"), 50)).put(API + "/" + onId).then().statusCode(403);
        as(Tokens.ALICE).post(API + "/" + onId + "/disable").then().statusCode(403);
        as(Tokens.ALICE).delete(API + "/" + onId).then().statusCode(403);
        as(Tokens.ADMIN).get(API + "/" + onId).then().body("sizeGib", is(5)).body("state", is("Enabled"));
    }

    @Test
    void theStorageServiceGetsEnabledDiskOfferingsOnly() {
        String id = as(Tokens.ADMIN).body(body(unique("duse"), 3)).post(API).then().statusCode(201).extract()
                .path("id");
        Caller alice = new Caller(null, "alice", "00000000-0000-0000-0000-0000000000aa", "acme", false);
        assertEquals(3L << 30, offerings.getForUse(alice, id).sizeBytes());
        as(Tokens.ADMIN).post(API + "/" + id + "/disable").then().statusCode(200);
        InvalidInputException disabled = assertThrows(InvalidInputException.class,
                () -> offerings.getForUse(alice, id));
        assertEquals("diskOfferingId", disabled.errors().get(0).field());
        assertEquals("error_offering_disabled", disabled.errors().get(0).key());
        assertThrows(NotFoundException.class,
                () -> offerings.getForUse(Caller.system(), "00000000-0000-0000-0000-00000000dead"));
    }

    /** The seam data volumes implement: a disk offering volumes came from cannot be deleted. */
    @Test
    void aDiskOfferingInUseIsNotDeleted() {
        String id = as(Tokens.ADMIN).body(body(unique("dbusy"), 8)).post(API).then().statusCode(201).extract()
                .path("id");
        usage.set(id, 2);
        try {
            as(Tokens.ADMIN).delete(API + "/" + id).then().statusCode(409)
                    .body("code", is("error_disk_offering_in_use")).body("detail", containsString("used by 2"));
            as(Tokens.ADMIN).get(API + "/" + id).then().statusCode(200);
            as(Tokens.ADMIN).queryParam("action", "disk-offering.delete").queryParam("targetId", id)
                    .get("/v1/audit-events").then().statusCode(200).body("items[0].result", is("FAILURE"));
        } finally {
            usage.set(id, 0);
        }
        as(Tokens.ADMIN).delete(API + "/" + id).then().statusCode(204);
    }
}
