package io.nubis.platform.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.testing.Metrics;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Readiness, the OpenAPI document, HTTP metrics and request ids (issue 13, operations). */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readinessCoversTheDatabaseKeycloakAndTheJobDispatcher() {
        JsonPath health = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertEquals("UP", health.getString("status"));
        List<String> names = health.getList("checks.name");
        assertTrue(names.contains("keycloak"), names.toString());
        assertTrue(names.contains("job-dispatcher"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.toLowerCase().contains("database")), names.toString());
        assertEquals("HTTP 200", health.getString("checks.find { it.name == 'keycloak' }.data.detail"));
    }

    @Test
    void theOpenApiDocumentHoldsOnlyTheApiWithProblemResponses() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        assertTrue(paths.size() > 50, "the /v1 operations are there: " + paths.size());
        for (String p : paths.keySet()) {
            assertTrue(p.startsWith("/v1/"), "not an API path: " + p);
        }
        assertTrue(doc.getMap("components.schemas.Problem.properties").containsKey("errors"));
        String ref = doc.getString("paths.'/v1/zones'.post.responses.'400'.content.'application/problem+json'"
                + ".schema.'$ref'");
        assertEquals("#/components/schemas/Problem", ref);
        // typed parameters: an enum where the parameter is one, integers for paging
        String vms = "paths.'/v1/vm-instances'.get.parameters";
        String stateRef = doc.getString(vms + ".find { it.name == 'state' }.schema.'$ref'");
        List<String> states = doc.getList("components.schemas." + stateRef.replace("#/components/schemas/", "")
                + ".enum");
        assertTrue(states.contains("Running") && states.contains("Stopped"), states.toString());
        assertEquals("integer", doc.getString(vms + ".find { it.name == 'page' }.schema.type"));
        assertEquals(1, doc.getInt(vms + ".find { it.name == 'size' }.schema.minimum"));
    }

    @Test
    void apiLatencyIsMeasuredPerRouteTemplate() {
        String token = Tokens.of(Tokens.ADMIN);
        given().auth().oauth2(token).get("/v1/zones").then().statusCode(200);
        given().auth().oauth2(token).get("/v1/zones/{id}", "00000000-0000-0000-0000-000000000000").then()
                .statusCode(404);
        String text = Metrics.scrape();
        assertTrue(Metrics.value(text, "http_server_requests_seconds_count", "uri=\"/v1/zones\",status=\"200\"") >= 1,
                "GET /v1/zones counted");
        assertTrue(Metrics.value(text, "http_server_requests_seconds_count",
                "uri=\"/v1/zones/{id}\",status=\"404\"") >= 1,
                "the route template, not the id, labels the series");
        assertFalse(text.contains("00000000-0000-0000-0000-000000000000"), "no ids in labels");
        assertTrue(text.contains("http_server_requests_seconds_bucket{"), "latency histogram");
        assertTrue(text.contains("agroal_active_count"), "database pool usage");
        assertTrue(text.contains("nubis_ssh_connections"), "SSH pool usage");
    }

    @Test
    void everyResponseCarriesARequestId() {
        String given = given().header("X-Request-Id", "trace-42.a_b").get("/q/health/live").then().statusCode(200)
                .extract().header("X-Request-Id");
        assertEquals("trace-42.a_b", given);
        String made = given().header("X-Request-Id", "bad id\" <x>").get("/q/health/live").then().extract()
                .header("X-Request-Id");
        assertNotEquals("bad id\" <x>", made);
        assertTrue(made.matches("[0-9a-f-]{36}"), made);
    }
}
