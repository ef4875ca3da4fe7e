package io.nubis.network;

import static io.nubis.testing.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.testing.Api;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.Map;

/** Builders for network tests, through the API as admin. */
public final class NetworkFixtures {

    private NetworkFixtures() {
    }

    /** A NoVlan L2 network in the zone with the default bridge; returns its id. */
    public static String l2(String zoneId, String name) {
        return as(Tokens.ADMIN).body(Map.of("zoneId", zoneId, "name", name)).post("/v1/l2-networks").then()
                .statusCode(201).extract().path("id");
    }

    /** An L3 network; returns its id. */
    public static String l3(String l2Id, String name, String cidr, String gateway, boolean shared) {
        Map<String, Object> body = new HashMap<>(Map.of("l2Id", l2Id, "name", name, "cidr", cidr, "shared", shared));
        if (gateway != null) {
            body.put("gateway", gateway);
        }
        return as(Tokens.ADMIN).body(body).post("/v1/l3-networks").then().statusCode(201).extract().path("id");
    }

    /** Adds a range; returns its id. */
    public static String range(String l3Id, String start, String end) {
        return as(Tokens.ADMIN).body(Map.of("startIp", start, "endIp", end)).post("/v1/l3-networks/" + l3Id
                + "/ip-ranges").then().statusCode(201).extract().path("id");
    }

    /** Adds a simulated host to the cluster and waits until it is Connected; returns the host id. */
    public static String simulatedHost(String clusterId, String address) {
        JsonPath job = Jobs.awaitFinal(Api.addHost(clusterId, address));
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        return job.getString("resourceId");
    }

    /** Attaches the L2 network to the cluster and waits for the job; returns the final job. */
    public static JsonPath attach(String l2Id, String clusterId) {
        String jobId = as(Tokens.ADMIN).body(Map.of("clusterId", clusterId)).post("/v1/l2-networks/" + l2Id
                + "/attach").then().statusCode(202).extract().path("jobId");
        return Jobs.awaitFinal(jobId);
    }
}
