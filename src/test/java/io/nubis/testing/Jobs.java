package io.nubis.testing;

import static io.nubis.testing.Api.as;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;

/** Waits for jobs through the API, as a client would. */
public final class Jobs {

    private static final Set<String> FINAL = Set.of("Succeeded", "RolledBack", "Failed");

    private Jobs() {
    }

    /** Polls GET /v1/jobs/{id} as admin until the job is final; returns its JSON. */
    public static JsonPath awaitFinal(String jobId) {
        return awaitFinal(jobId, Duration.ofSeconds(30));
    }

    public static JsonPath awaitFinal(String jobId, Duration timeout) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = as(Tokens.ADMIN).get("/v1/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
            return FINAL.contains(last[0].getString("state"));
        });
        return last[0];
    }
}
