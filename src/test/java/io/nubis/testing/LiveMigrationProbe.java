package io.nubis.testing;

import static io.nubis.testing.Api.as;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.testing.TestHosts.TestHost;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Moves a running guest live between test hosts 1 and 2 while a machine on its network pings it every 200 ms (the two
 * hosts' bridges of the flat network are joined by a veth pair, as a switch joins them), then checks the domain runs on
 * the target only, the VM's host and volumes follow, and counts the pings lost. Shared by the shared-storage tests.
 */
public final class LiveMigrationProbe {

    /** What the move measured. */
    public record Result(long jobMillis, int sent, int answered) {

        public int lost() {
            return sent - answered;
        }
    }

    private LiveMigrationProbe() {
    }

    /**
     * Migrates {@code vm} (running on {@code from}, address {@code ip} in {@code subnet}.0/24 on {@code bridge}) to
     * {@code targetHostId} on {@code to}, pinging it throughout; asserts the outcome and returns the figures.
     */
    public static Result migrateWhilePinging(String vm, String ip, String subnet, String bridge, TestHost from,
            TestHost to, String targetHostId) {
        String tag = Long.toHexString(System.nanoTime() & 0xffffffL);
        String pinger = "nubis-ping-" + tag;
        String log = "/var/tmp/" + pinger + ".log";
        joinBridges(tag, bridge);
        TestHosts.enter(from, "sh", "-c", """
                set -e
                ip netns add "$1"
                ip link add "pa$2" type veth peer name "pb$2"
                ip link set dev "pb$2" netns "$1"
                ip netns exec "$1" ip link set dev lo up
                ip netns exec "$1" ip addr add "$3.250/24" dev "pb$2"
                ip netns exec "$1" ip link set dev "pb$2" up
                ip link set dev "pa$2" master "$4"
                ip link set dev "pa$2" up
                (ip netns exec "$1" ping -n -i 0.2 -w 40 "$5" > "$6" 2>&1 &) </dev/null >/dev/null 2>&1
                """, "pinger", pinger, tag, subnet, bridge, ip, log);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> TestHosts.enter(from, "sh", "-c", "cat \"$1\"", "x", log).contains("bytes from"));
            long t0 = System.nanoTime();
            JsonPath moved = Jobs.awaitFinal(as(Tokens.ADMIN).body(Map.of("hostId", targetHostId))
                    .post("/v1/vm-instances/" + vm + "/migrate").then().statusCode(202).extract().path("jobId"));
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("Succeeded", moved.getString("state"), moved.prettify());
            as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).then().body("hostId", is(targetHostId))
                    .body("state", is("Running"));
            assertEquals("running", TestHosts.enter(to, "virsh", "domstate", "nubis-" + vm).strip());
            assertFalse(TestHosts.enter(from, "virsh", "list", "--all", "--name").contains(vm),
                    "no longer defined on the source");
            as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").then()
                    .body("items[0].hostId", is(targetHostId));
            // the pinger goes on for its 40 s; the summary says how many answers were lost
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(
                    () -> TestHosts.enter(from, "sh", "-c", "cat \"$1\"", "x", log).contains("packets transmitted"));
            String out = TestHosts.enter(from, "sh", "-c", "cat \"$1\"", "x", log);
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("(\\d+) packets transmitted, (\\d+) received").matcher(out);
            assertTrue(m.find(), out);
            int sent = Integer.parseInt(m.group(1));
            int got = Integer.parseInt(m.group(2));
            System.out.printf("live migration of %s: job %d ms; pings every 200 ms: %d sent, %d answered, %d lost%n",
                    vm, took, sent, got, sent - got);
            assertTrue(got > sent / 2 && sent - got < 25, "the guest kept answering: " + out);
            return new Result(took, sent, got);
        } finally {
            TestHosts.enter(from, "sh", "-c", "ip netns del \"$1\" 2>/dev/null; ip link del \"pa$2\" 2>/dev/null;"
                    + " rm -f \"$3\"; true", "x", pinger, tag, log);
            TestHosts.enter(TestHosts.host(1), "sh", "-c", "ip link del \"nbmig$1\" 2>/dev/null; true", "x", tag);
        }
    }

    /** Joins the flat network's bridge of host 1 and host 2 with a veth pair (one segment, as a switch makes it). */
    private static void joinBridges(String tag, String bridge) {
        TestHosts.run(List.of("sh", "-c", """
                set -e
                ip link add "nbmig$1" type veth peer name "nbmih$1"
                ip link set dev "nbmig$1" netns "$2"
                ip link set dev "nbmih$1" netns "$3"
                """, "join", tag, "nubis-host1", "nubis-host2"));
        TestHosts.enter(TestHosts.host(1), "sh", "-c",
                "ip link set dev \"nbmig$1\" master \"$2\" && ip link set dev \"nbmig$1\" up", "j", tag, bridge);
        TestHosts.enter(TestHosts.host(2), "sh", "-c",
                "ip link set dev \"nbmih$1\" master \"$2\" && ip link set dev \"nbmih$1\" up", "j", tag, bridge);
    }
}
