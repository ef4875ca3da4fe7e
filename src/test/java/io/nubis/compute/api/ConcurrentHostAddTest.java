package io.nubis.compute.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.testing.Api;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Issue 2: 50 concurrent add-host requests on the simulator all end Connected, no duplicate, no lost job. */
@QuarkusTest
class ConcurrentHostAddTest {

    private static final int HOSTS = 50;

    @Test
    void fiftyConcurrentAddsAllEndConnected() throws Exception {
        String cluster = Api.cluster(Api.zone(unique("conc")), unique("conc"));
        String prefix = unique("par");
        Tokens.of(Tokens.ADMIN);
        ExecutorService pool = Executors.newFixedThreadPool(HOSTS);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < HOSTS; i++) {
            String address = prefix + "-" + i + ".example";
            calls.add(() -> as(Tokens.ADMIN).body(Map.of("clusterId", cluster, "address", address)).post("/v1/hosts")
                    .then().statusCode(202).extract().path("jobId"));
        }
        long t0 = System.nanoTime();
        List<String> jobIds = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(calls)) {
            jobIds.add(f.get());
        }
        pool.shutdown();
        Set<String> hostIds = new HashSet<>();
        for (String jobId : jobIds) {
            JsonPath job = Jobs.awaitFinal(jobId, Duration.ofSeconds(60));
            assertEquals("Succeeded", job.getString("state"), job.prettify());
            hostIds.add(job.getString("resourceId"));
        }
        System.out.printf("%d concurrent host adds: all Succeeded after %d ms%n", HOSTS,
                (System.nanoTime() - t0) / 1_000_000);
        assertEquals(HOSTS, new HashSet<>(jobIds).size(), "one job per request");
        assertEquals(HOSTS, hostIds.size(), "one host per job");
        JsonPath hosts = as(Tokens.ADMIN).queryParam("clusterId", cluster).queryParam("size", "100").get("/v1/hosts")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(HOSTS, hosts.getInt("total"));
        assertEquals(HOSTS, hosts.getList("items.address").stream().distinct().count());
        assertEquals(List.of("Connected"), hosts.getList("items.status").stream().distinct().toList());
        as(Tokens.ADMIN).queryParam("clusterId", cluster).queryParam("status", "Connecting").get("/v1/hosts").then()
                .body("total", org.hamcrest.Matchers.is(0));
    }
}
