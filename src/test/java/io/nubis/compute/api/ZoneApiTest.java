package io.nubis.compute.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.nubis.testing.Api;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ZoneApiTest {

    @Test
    void adminCreatesReadsUpdatesAndDeletesAZone() {
        String name = unique("zone");
        String id = as(Tokens.ADMIN).body(Map.of("name", name, "description", "first")).post("/v1/zones").then()
                .statusCode(201).header("Location", containsString("/v1/zones/")).body("name", is(name))
                .body("state", is("Enabled")).body("clusterCount", is(0)).extract().path("id");

        as(Tokens.ADMIN).get("/v1/zones/" + id).then().statusCode(200).body("description", is("first"));
        as(Tokens.ADMIN).queryParam("name", name).get("/v1/zones").then().statusCode(200).body("total", is(1))
                .body("items[0].id", is(id));

        String renamed = unique("zone-renamed");
        as(Tokens.ADMIN).body(Map.of("name", renamed, "description", "second")).put("/v1/zones/" + id).then()
                .statusCode(200).body("name", is(renamed)).body("description", is("second"));
        as(Tokens.ADMIN).post("/v1/zones/" + id + "/disable").then().statusCode(200).body("state", is("Disabled"));
        as(Tokens.ADMIN).post("/v1/zones/" + id + "/enable").then().statusCode(200).body("state", is("Enabled"));

        as(Tokens.ADMIN).delete("/v1/zones/" + id).then().statusCode(204);
        as(Tokens.ADMIN).get("/v1/zones/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("status", is(404)).body("code", is("error_not_found"));
        as(Tokens.ADMIN).queryParam("action", "zone.").queryParam("targetId", id).get("/v1/audit-events").then()
                .statusCode(200).body("items.action", hasItem("zone.create"))
                .body("items.action", hasItem("zone.delete"))
                .body("items.user", hasItem("admin"));
    }

    @Test
    void blankAndMalformedNamesAre400WithFieldErrorsAndWriteNothing() {
        as(Tokens.ADMIN).body(Map.of("name", "  ")).post("/v1/zones").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("name"))
                .body("errors[0].code", is("error_required"));
        as(Tokens.ADMIN).body(Map.of("name", "bad name;rm -rf")).post("/v1/zones").then().statusCode(400)
                .body("errors[0].field", is("name")).body("errors[0].code", is("error_name_format"));
        as(Tokens.ADMIN).body("{}").post("/v1/zones").then().statusCode(400).body("errors.field", hasItem("name"));
        as(Tokens.ADMIN).post("/v1/zones").then().statusCode(400);
        as(Tokens.ADMIN).body("{\"name\": [1,2]}").post("/v1/zones").then().log().ifValidationFails().statusCode(400)
                .body("errors[0].field", is("name"));
        as(Tokens.ADMIN).body("{not json").post("/v1/zones").then().statusCode(400)
                .body("code", is("error_json_body"));
        as(Tokens.ADMIN).queryParam("name", "bad name").get("/v1/zones").then().statusCode(200).body("total", is(0));
        as(Tokens.ADMIN).queryParam("action", "zone.create").queryParam("result", "FAILURE").get("/v1/audit-events")
                .then().statusCode(200).body("items.detail", hasItem(containsString("name")));
    }

    @Test
    void duplicateNameIs400AndTheFirstZoneStaysUntouched() {
        String name = unique("dup");
        String id = Api.zone(name);
        as(Tokens.ADMIN).body(Map.of("name", name, "description", "copy")).post("/v1/zones").then().statusCode(400)
                .body("errors[0].field", is("name")).body("errors[0].code", is("error_name_taken"));
        as(Tokens.ADMIN).queryParam("name", name).get("/v1/zones").then().body("total", is(1))
                .body("items[0].id", is(id)).body("items[0].description", equalTo(null));
        String other = Api.zone(unique("other"));
        as(Tokens.ADMIN).body(Map.of("name", name)).put("/v1/zones/" + other).then().statusCode(400)
                .body("errors[0].code", is("error_name_taken"));
    }

    @Test
    void nonEmptyZoneIsRefusedWithoutCascadeAndNothingIsDeleted() {
        String zone = Api.zone(unique("busy"));
        String cluster = Api.cluster(zone, unique("c"));
        as(Tokens.ADMIN).delete("/v1/zones/" + zone).then().statusCode(409).body("code", is("error_zone_not_empty"))
                .body("detail", containsString("1 cluster(s)"));
        as(Tokens.ADMIN).get("/v1/zones/" + zone + "/deletion-impact").then().statusCode(200).body("clusters", is(1))
                .body("hosts", is(0));
        as(Tokens.ADMIN).get("/v1/clusters/" + cluster).then().statusCode(200).body("state", is("Enabled"));
        as(Tokens.ADMIN).queryParam("cascade", "perhaps").delete("/v1/zones/" + zone).then().statusCode(400)
                .body("errors[0].field", is("cascade"));
    }

    @Test
    void unknownIdsAnswer404AndBadPagingAnswers400() {
        as(Tokens.ADMIN).get("/v1/zones/00000000-0000-0000-0000-00000000dead").then().statusCode(404);
        as(Tokens.ADMIN).body(Map.of("name", "x")).put("/v1/zones/nope").then().statusCode(404);
        as(Tokens.ADMIN).queryParam("page", "two").get("/v1/zones").then().statusCode(400)
                .body("errors[0].field", is("page"));
        as(Tokens.ADMIN).queryParam("size", "1").get("/v1/zones").then().statusCode(200).body("items", hasSize(
                org.hamcrest.Matchers.lessThanOrEqualTo(1)));
        as(Tokens.ADMIN).get("/v1/nothing-here").then().statusCode(404).body("status", is(404))
                .body("detail", not(containsString("Exception")));
    }
}
