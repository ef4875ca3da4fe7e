package io.nubis.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.testing.HeldRequests;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The request gate in the running server (issue 7): a burst of API requests passes through it, no more than its limit
 * are served at a time, every one is answered, and none keeps a place after it ended. The queue's own rules are
 * {@link AdmissionQueueTest}'s.
 */
@QuarkusTest
class RequestGateTest {

    @Inject
    RequestGate gate;

    @Test
    void aBurstOfRequestsIsServedAFewAtATimeAndEveryOneIsAnswered() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = Tokens.of(Tokens.ALICE);
        long admittedBefore = gate.admitted();
        AtomicInteger mostServing = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                mostServing.accumulateAndGet(gate.serving(), Math::max);
                Thread.onSpinWait();
            }
        });
        sampler.start();
        int requests = 60;
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(PortalSession.baseUrl()
                        + "/v1/vm-instances")).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            for (CompletableFuture<HttpResponse<Void>> a : answers) {
                assertEquals(200, a.get().statusCode());
            }
        } finally {
            sampling.set(false);
            sampler.join();
        }
        assertTrue(gate.admitted() - admittedBefore >= requests,
                "every request passed the gate: " + (gate.admitted() - admittedBefore));
        assertTrue(mostServing.get() <= gate.limit(),
                "at most " + gate.limit() + " served at a time, saw " + mostServing.get());
        // each answered request gives its place back (the response's end), so the gate ends empty
        Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> gate.serving() == 0 && gate.waiting() == 0);
        // operators see both (docs/operations.md, "Metrics"); /q/ is not gated
        String metrics = http.send(HttpRequest.newBuilder(URI.create(PortalSession.baseUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("nubis_http_requests_waiting "), "waiting gauge");
        assertTrue(metrics.contains("nubis_http_requests_serving "), "serving gauge");
    }

    @Test
    void aClientThatHoldsEveryPlaceWithBodiesItNeverSendsDelaysOthersOnceByAtMostTheMaximum() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest list = HttpRequest.newBuilder(URI.create(PortalSession.baseUrl() + "/v1/vm-instances"))
                .header("Authorization", "Bearer " + Tokens.of(Tokens.BOB)).build();
        List<java.net.Socket> held = new ArrayList<>();
        try {
            // a tenant's client: as many POSTs as there are places, each announcing a body it never sends
            for (int i = 0; i < gate.limit(); i++) {
                held.add(HeldRequests.open("/v1/vm-instances", Tokens.ALICE));
            }
            Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> gate.serving() >= gate.limit());
            long t0 = System.nanoTime();
            assertEquals(200, http.send(list, HttpResponse.BodyHandlers.discarding()).statusCode());
            long first = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(first < 5_000, "the first other request waited at most about the maximum (2 s): " + first);
            // the held requests still last, but hold no place any more: the others go through at once
            long t1 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertEquals(200, http.send(list, HttpResponse.BodyHandlers.discarding()).statusCode());
            }
            long five = (System.nanoTime() - t1) / 1_000_000;
            assertTrue(five < 2_000, "five more requests after the held ones lost their places: " + five + " ms");
        } finally {
            for (java.net.Socket s : held) {
                s.close();
            }
        }
        Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> gate.serving() == 0 && gate.waiting() == 0);
    }
}
