package io.nubis.job;

import static io.nubis.job.JobFixtures.awaitFinal;
import static io.nubis.job.JobFixtures.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.platform.web.RequestsInFlight;
import io.nubis.testing.HeldRequests;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Requests first (issue 7, docs/jobs.md): while the server is serving an HTTP request, a job's next step waits for it
 * to end, at most {@code nubis.jobs.requests-first} (500 ms). The request held open here is a POST whose body never
 * comes; closing its connection ends it.
 */
@QuarkusTest
class RequestsFirstTest {

    @Inject
    StepJournal journal;
    @Inject
    RequestsInFlight requests;
    @Inject
    StepTurns turns;

    @Test
    void aStepWaitsWhileARequestIsServedAndGoesOnceItEnds() throws Exception {
        String id;
        try (Socket held = HeldRequests.open("/v1/zones", Tokens.ADMIN)) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> requests.count() >= 1);
            assertFalse(requests.awaitIdle(Duration.ofMillis(100)), "a request is being served");
            id = submit(ScriptedWorkflow.TYPE, Map.of("steps", "2"));
            Thread.sleep(300);
            assertEquals(List.of(), journal.events(id), "no step ran while the request was served");
        }
        assertTrue(requests.awaitIdle(Duration.ofSeconds(5)), "a closed connection ends its request");
        assertEquals(JobState.Succeeded, awaitFinal(id).state());
        assertEquals(List.of("run:0", "run:1", "onSucceeded"), journal.events(id));
    }

    @Test
    void aRequestThatNeverEndsDelaysEachStepByAtMostTheBound() throws Exception {
        try (Socket held = HeldRequests.open("/v1/zones", Tokens.ADMIN)) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> requests.count() >= 1);
            long t0 = System.nanoTime();
            String id = submit(ScriptedWorkflow.TYPE, Map.of("steps", "3"));
            assertEquals(JobState.Succeeded, awaitFinal(id).state());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 1400, "three steps waited 500 ms each: " + ms + " ms");
            assertEquals(1, requests.count(), "the held request is still being served");
        }
    }

    @Test
    void stepsThatStartBesideARequestStillServedTakeTurns() throws Exception {
        try (Socket held = HeldRequests.open("/v1/zones", Tokens.ADMIN)) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> requests.count() >= 1);
            assertEquals(2, turns.free(), "no step beside requests yet");
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(submit(TimedWorkflow.TYPE, Map.of("sleepMs", "800")));
            }
            // after requests-first (500 ms) the steps start beside the held request: two of them hold the turns
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> turns.free() == 0);
            for (String id : ids) {
                assertEquals(JobState.Succeeded, awaitFinal(id).state());
            }
            assertEquals(2, turns.free(), "every turn given back");
        }
    }

    @Test
    void consolesAndHealthChecksAreNotCounted() {
        assertTrue(RequestsInFlight.counted("/v1/vm-instances", null));
        assertTrue(RequestsInFlight.counted("/portal/vms", null));
        assertFalse(RequestsInFlight.counted("/console/ws/0f6e2c1e", "websocket"));
        assertFalse(RequestsInFlight.counted("/q/health/ready", null));
        assertFalse(RequestsInFlight.counted("/q", null));
    }
}
