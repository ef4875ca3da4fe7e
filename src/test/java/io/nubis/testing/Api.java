package io.nubis.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** REST-assured requests as a realm user, plus fixture builders for the compute inventory. */
public final class Api {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private Api() {
    }

    /** JSON request carrying the user's real Keycloak token. */
    public static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A name unique within this test run, e.g. {@code zone-17-4711}. */
    public static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + (System.nanoTime() % 100000);
    }

    /** Creates a zone as admin and returns its id. */
    public static String zone(String name) {
        return as(Tokens.ADMIN).body(Map.of("name", name)).post("/v1/zones").then().statusCode(201).extract()
                .path("id");
    }

    /** Creates a Simulator cluster as admin and returns its id. */
    public static String cluster(String zoneId, String name) {
        return as(Tokens.ADMIN).body(Map.of("zoneId", zoneId, "name", name, "hypervisorType", "Simulator"))
                .post("/v1/clusters").then().statusCode(201).extract().path("id");
    }

    /** Adds a simulated host as admin; returns the job id (the host id is the job's resourceId). */
    public static String addHost(String clusterId, String address) {
        return as(Tokens.ADMIN).body(Map.of("clusterId", clusterId, "address", address)).post("/v1/hosts").then()
                .statusCode(202).extract().path("jobId");
    }

    /** Adds a test host to a KVM cluster as admin (password login), waits until Connected; returns the host id. */
    public static String addKvmHost(String clusterId, TestHosts.TestHost h) {
        String job = as(Tokens.ADMIN).body(Map.of("clusterId", clusterId, "address", h.ip(), "sshPort", h.sshPort(),
                "username", h.user(), "password", h.password())).post("/v1/hosts").then().statusCode(202).extract()
                .path("jobId");
        io.restassured.path.json.JsonPath done = Jobs.awaitFinal(job);
        org.junit.jupiter.api.Assertions.assertEquals("Succeeded", done.getString("state"), done.prettify());
        return done.getString("resourceId");
    }
}
