package io.nubis.job;

import static io.nubis.testing.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.testing.Invariants;
import io.nubis.testing.PackagedServer;
import io.nubis.testing.Tokens;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, part 1: the packaged server ({@code target/quarkus-app}) as a real process, killed with SIGKILL while it
 * creates, stops, starts, reboots and destroys VMs on simulated hosts, {@value #KILLS} times, and started again on the
 * same database each time. After every restart every job must end (Succeeded or RolledBack, never Failed) and the
 * invariants hold (testing.Invariants: no open job or lock, no transitional VM, host capacity = its live VMs, one IP
 * per live NIC, no orphan allocation or volume, no domain or volume file without a live VM on the simulated hosts, read
 * from the simulator's tables). Run by failsafe in {@code ./mvnw verify} after packaging; needs MariaDB and Keycloak as
 * {@code ./nubis test} provides them.
 */
class ServerKillIT {

    static final int KILLS = 10; // issue 7 asks for at least 10; each costs a server start (about 12 s here)
    static PackagedServer server;

    @BeforeAll
    static void fresh() throws Exception {
        server = new PackagedServer("server-kill-it", PackagedServer.envOr("NUBIS_KILL_IT_DB", "nubis_kill_it"),
                Integer.parseInt(PackagedServer.envOr("NUBIS_KILL_IT_PORT", "8096")),
                // each host call takes a while: kills land mid-step
                Map.of("NUBIS_SIMULATOR_LATENCY", "150MS", "NUBIS_HOST_PING_INTERVAL", "5S"));
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = server.port();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Connection db() throws SQLException {
        return server.db();
    }

    static void start() throws Exception {
        server.start();
    }

    static void kill() throws Exception {
        server.kill();
    }

    static JsonPath awaitFinal(String job) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = as(Tokens.ADMIN).get("/v1/jobs/" + job).then().statusCode(200).extract().jsonPath();
            return List.of("Succeeded", "RolledBack", "Failed").contains(last[0].getString("state"));
        });
        return last[0];
    }

    static String created(Response r, int status, String path) {
        assertEquals(status, r.statusCode(), r.asString());
        return r.jsonPath().getString(path);
    }

    static void succeeded(String job) {
        JsonPath end = awaitFinal(job);
        assertEquals("Succeeded", end.getString("state"), end.prettify());
    }

    @Test
    void killingTheServerDuringVmWorkLeavesNothingBehind() throws Exception {
        start();
        // a small simulated cloud: two hosts, local storage, an image, a flat network, an offering
        String zone = created(as(Tokens.ADMIN).body(Map.of("name", "kill-zone")).post("/v1/zones"), 201, "id");
        String cluster = created(as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", "kill-cluster",
                "hypervisorType", "Simulator")).post("/v1/clusters"), 201, "id");
        List<String> hosts = new ArrayList<>();
        List<String> addresses = List.of("kill-h1.sim", "kill-h2.sim");
        for (String address : addresses) {
            String job = created(as(Tokens.ADMIN).body(Map.of("clusterId", cluster, "address", address))
                    .post("/v1/hosts"), 202, "jobId");
            succeeded(job);
            hosts.add(awaitFinal(job).getString("resourceId"));
        }
        String ps = created(as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", "kill-ps", "path",
                "/var/lib/nubis/kill")).post("/v1/primary-storage"), 201, "id");
        succeeded(created(as(Tokens.ADMIN).body(Map.of("clusterId", cluster))
                .post("/v1/primary-storage/" + ps + "/clusters"), 202, "jobId"));
        String bsJob = created(as(Tokens.ADMIN).body(Map.of("name", "kill-bs", "type", "Simulator", "address",
                "kill-bs.sim", "rootPath", "/srv/images", "importFolders", List.of("/data")))
                .post("/v1/backup-storage"), 202, "jobId");
        succeeded(bsJob);
        String imageJob = created(as(Tokens.ADMIN).body(Map.of("name", "kill-image", "format", "qcow2", "url",
                "/data/guest.qcow2", "shared", true, "backupStorageId", awaitFinal(bsJob).getString("resourceId")))
                .post("/v1/images"), 202, "jobId");
        succeeded(imageJob);
        String image = awaitFinal(imageJob).getString("resourceId");
        String l2 = created(as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", "kill-l2")).post("/v1/l2-networks"),
                201, "id");
        succeeded(created(as(Tokens.ADMIN).body(Map.of("clusterId", cluster)).post("/v1/l2-networks/" + l2
                + "/attach"), 202, "jobId"));
        String l3 = created(as(Tokens.ADMIN).body(Map.of("l2Id", l2, "name", "kill-l3", "cidr", "10.77.0.0/24",
                "gateway", "10.77.0.1", "shared", true)).post("/v1/l3-networks"), 201, "id");
        created(as(Tokens.ADMIN).body(Map.of("startIp", "10.77.0.10", "endIp", "10.77.0.200"))
                .post("/v1/l3-networks/" + l3 + "/ip-ranges"), 201, "id");
        String offering = created(as(Tokens.ADMIN).body(Map.of("name", "kill-offering", "cpus", 1, "memoryMib", 256,
                "allocatorStrategy", "LeastUsed")).post("/v1/instance-offerings"), 201, "id");

        Invariants invariants = new Invariants(ServerKillIT::db);
        long seed = Long.getLong("nubis.kill.seed", System.nanoTime());
        Random rnd = new Random(seed);
        int interrupted = 0;
        for (int round = 1; round <= KILLS; round++) {
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Map<String, Object> body = new HashMap<>(Map.of("name", "k" + round + "-" + i, "offeringId", offering,
                        "imageId", image, "l3NetworkIds", List.of(l3)));
                jobs.add(created(as(Tokens.ALICE).body(body).post("/v1/vm-instances"), 202, "jobId"));
            }
            if (round % 2 == 0) {
                // even rounds: the creates finish first, and the kill lands in power actions and destroys
                for (String job : jobs) {
                    awaitFinal(job);
                }
                jobs.clear();
                JsonPath vms = as(Tokens.ALICE).get("/v1/vm-instances?size=500").then().statusCode(200).extract()
                        .jsonPath();
                List<String> running = vms.getList("items.findAll { it.state == 'Running' }.id", String.class);
                List<String> stopped = vms.getList("items.findAll { it.state == 'Stopped' }.id", String.class);
                for (int i = 0; i < Math.min(2, running.size()); i++) {
                    String action = rnd.nextBoolean() ? "stop" : "reboot";
                    submit(jobs, as(Tokens.ALICE).post("/v1/vm-instances/" + running.get(i) + "/" + action));
                }
                if (!stopped.isEmpty()) {
                    submit(jobs, as(Tokens.ALICE).post("/v1/vm-instances/" + stopped.get(0) + "/start"));
                }
                if (running.size() > 2) {
                    submit(jobs, as(Tokens.ALICE).delete("/v1/vm-instances/" + running.get(running.size() - 1)));
                }
            }
            // kill while something runs: wait until a job of this round is Running, then a random moment more
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> count("SELECT COUNT(*) FROM job WHERE state = 'Running'") > 0);
            Thread.sleep(rnd.nextInt(600));
            long open = count("SELECT COUNT(*) FROM job WHERE state IN ('Pending','Running','RollingBack')");
            kill();
            if (open > 0) {
                interrupted++;
            }
            start();
            for (String job : jobs) {
                JsonPath end = awaitFinal(job);
                assertNotEquals("Failed", end.getString("state"), "round " + round + " (seed " + seed + "): "
                        + end.prettify());
            }
            invariants.check(hosts, addresses, l3);
        }
        assertTrue(interrupted >= KILLS / 2, "most kills must land while jobs run (seed " + seed + "): " + interrupted);
        assertTrue(count("SELECT COUNT(*) FROM job_log l JOIN job j ON j.id = l.job_id WHERE j.type = 'vm.create'"
                + " AND l.message LIKE '%recovered by node%'") > 0, "recovery took creates over");
        assertTrue(count("SELECT COUNT(*) FROM job_log l JOIN job j ON j.id = l.job_id WHERE j.type IN ('vm.stop',"
                + " 'vm.start', 'vm.reboot', 'vm.destroy') AND l.message LIKE '%recovered by node%'") > 0,
                "recovery took power actions or destroys over");

        // and the cloud still works after all that
        Map<String, Object> body = new HashMap<>(Map.of("name", "after", "offeringId", offering, "imageId", image,
                "l3NetworkIds", List.of(l3)));
        succeeded(created(as(Tokens.ALICE).body(body).post("/v1/vm-instances"), 202, "jobId"));
        invariants.check(hosts, addresses, l3);
    }

    /** Keeps the job of an accepted action; a 409 (the VM is busy with another job of the round) is fine. */
    static void submit(List<String> jobs, Response r) {
        assertTrue(r.statusCode() == 202 || r.statusCode() == 409, r.statusCode() + " " + r.asString());
        if (r.statusCode() == 202) {
            jobs.add(r.jsonPath().getString("jobId"));
        }
    }

    static long count(String sql) throws SQLException {
        return server.count(sql);
    }
}
