package io.nubis.compute.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.nubis.testing.Api;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClusterApiTest {

    @Test
    void clusterCrudInsideAZone() {
        String zone = Api.zone(unique("z"));
        String name = unique("cl");
        String id = as(Tokens.ADMIN)
                .body(Map.of("zoneId", zone, "name", name, "hypervisorType", "Simulator", "description", "d"))
                .post("/v1/clusters").then().statusCode(201).body("zoneId", is(zone)).body("hypervisorType",
                        is("Simulator"))
                .body("state", is("Enabled")).extract().path("id");
        as(Tokens.ADMIN).queryParam("zoneId", zone).get("/v1/clusters").then().statusCode(200).body("total", is(1))
                .body("items[0].zoneName", org.hamcrest.Matchers.notNullValue());
        as(Tokens.ADMIN).body(Map.of("name", name + "-x")).put("/v1/clusters/" + id).then().statusCode(200)
                .body("name", is(name + "-x"));
        as(Tokens.ADMIN).post("/v1/clusters/" + id + "/disable").then().statusCode(200).body("state", is("Disabled"));
        as(Tokens.ADMIN).get("/v1/zones/" + zone).then().body("clusterCount", is(1));
        as(Tokens.ADMIN).delete("/v1/clusters/" + id).then().statusCode(204);
        as(Tokens.ADMIN).delete("/v1/zones/" + zone).then().statusCode(204);
    }

    @Test
    void everyValidationErrorIsReportedPerFieldAndNothingIsWritten() {
        String zone = Api.zone(unique("z"));
        as(Tokens.ADMIN).body(Map.of("zoneId", "00000000-0000-0000-0000-000000000bad", "name", "c1",
                "hypervisorType", "Simulator")).post("/v1/clusters").then().statusCode(400)
                .body("errors[0].field", is("zoneId")).body("errors[0].code", is("error_unknown_zone"));
        as(Tokens.ADMIN).body(Map.of("zoneId", "not-a-uuid", "name", "c1", "hypervisorType", "Simulator"))
                .post("/v1/clusters").then().statusCode(400).body("errors[0].code", is("error_id_format"));
        as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", "c1", "hypervisorType", "Xen")).post("/v1/clusters")
                .then().statusCode(400).body("errors[0].field", is("hypervisorType"))
                .body("errors[0].code", is("error_unknown_hypervisor"));
        as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", "")).post("/v1/clusters").then().statusCode(400)
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("hypervisorType"));
        as(Tokens.ADMIN).queryParam("zoneId", zone).get("/v1/clusters").then().body("total", is(0));

        String name = unique("same");
        Api.cluster(zone, name);
        as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", name, "hypervisorType", "Simulator"))
                .post("/v1/clusters").then().statusCode(400).body("errors[0].code", is("error_name_taken_in_zone"));
        String otherZone = Api.zone(unique("z2"));
        Api.cluster(otherZone, name);
        as(Tokens.ADMIN).queryParam("name", name).get("/v1/clusters").then().body("total", is(2));
    }
}
