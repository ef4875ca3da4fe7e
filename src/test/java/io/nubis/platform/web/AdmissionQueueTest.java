package io.nubis.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The request gate's queue (issue 7): a limit, arrival order, leaving while waiting, and nobody holding a place or
 * waiting for one longer than the maximum.
 */
class AdmissionQueueTest {

    private static final long SECOND = 1_000_000_000L;

    private final List<String> went = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();

    private AdmissionQueue queue(int limit) {
        return new AdmissionQueue(limit, 2 * SECOND, now::get);
    }

    /** Tickets that arrive now one after another; the first {@code atOnce} are admitted at once. */
    private List<AdmissionQueue.Ticket> arrive(AdmissionQueue q, int atOnce, String... names) {
        List<AdmissionQueue.Ticket> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            AdmissionQueue.Ticket t = q.ticket(() -> went.add(name));
            assertEquals(i < atOnce, q.enter(t), name + " admitted at once");
            out.add(t);
        }
        return out;
    }

    @Test
    void admitsUpToTheLimitAtOnceAndTheRestInArrivalOrderAsPlacesFree() {
        AdmissionQueue q = queue(2);
        List<AdmissionQueue.Ticket> t = arrive(q, 2, "a", "b", "c", "d");
        assertEquals(2, q.serving());
        assertEquals(2, q.waiting());
        assertEquals(List.of(), went, "admitted at once: the caller goes on, go is not run");

        q.leave(t.get(1));
        assertEquals(List.of("c"), went, "the first waiting one takes the freed place");
        assertTrue(q.admitted(t.get(2)));
        assertFalse(q.admitted(t.get(3)));
        assertEquals(2, q.serving());
        q.leave(t.get(0));
        assertEquals(List.of("c", "d"), went);
        q.leave(t.get(2));
        q.leave(t.get(3));
        assertEquals(0, q.serving());
        assertEquals(0, q.waiting());
        assertEquals(4, q.admittedTotal());
    }

    @Test
    void aRequestThatGivesUpWhileWaitingLeavesTheQueueAndLeavingTwiceFreesOnePlace() {
        AdmissionQueue q = queue(1);
        List<AdmissionQueue.Ticket> t = arrive(q, 1, "a", "b", "c");
        q.leave(t.get(1)); // its connection closed while it waited
        assertEquals(1, q.waiting());
        assertEquals(List.of(), went);
        q.leave(t.get(0));
        q.leave(t.get(0)); // an end handler that fires twice
        assertEquals(List.of("c"), went, "b is not run, c is, and only one place was freed");
        assertEquals(1, q.serving());
        q.leave(t.get(2));
        assertEquals(0, q.serving());

        AdmissionQueue.Ticket gone = q.ticket(() -> went.add("gone"));
        q.leave(gone); // closed before it reached the gate
        assertFalse(q.enter(gone));
        assertEquals(0, q.serving());
        assertEquals(0, q.waiting());
    }

    @Test
    void requestsThatHangHoldTheOthersBackOnceForAtMostTheMaximum() {
        AdmissionQueue q = queue(2);
        // two requests that never end (a client that announced a body and never sends it)
        List<AdmissionQueue.Ticket> hung = arrive(q, 2, "h1", "h2");
        now.addAndGet(SECOND);
        List<AdmissionQueue.Ticket> t = arrive(q, 0, "a", "b", "c");
        q.sweep();
        assertEquals(List.of(), went, "the hung ones have held their places for 1 s only");
        now.addAndGet(SECOND + 1);
        q.sweep();
        assertEquals(List.of("a", "b"), went, "after 2 s the hung ones hold no place: the next two take them");
        assertEquals(2, q.serving());
        q.leave(hung.get(0));
        q.leave(hung.get(1));
        assertEquals(List.of("a", "b"), went, "leaving later frees no place twice");
        q.leave(t.get(0));
        assertEquals(List.of("a", "b", "c"), went);
        q.leave(t.get(1));
        q.leave(t.get(2));
        assertEquals(0, q.serving());
        // newcomers are admitted at once again: the hung ones no longer count
        arrive(q, 2, "d", "e");
    }

    @Test
    void aRequestThatWaitedLongerThanTheMaximumIsServedBesideTheOthers() {
        AdmissionQueue q = queue(1);
        List<AdmissionQueue.Ticket> t = arrive(q, 1, "a", "b", "c");
        now.addAndGet(SECOND);
        q.leave(t.get(0));
        assertEquals(List.of("b"), went, "b holds the place from 1 s on");
        now.addAndGet(SECOND + 1);
        q.sweep();
        assertEquals(List.of("b", "c"), went, "c waited over 2 s: served beside b, which has held its place 1 s");
        assertEquals(2, q.serving(), "above the limit while both hold a place");
        q.leave(t.get(1));
        q.leave(t.get(2));
        assertEquals(0, q.serving());
        assertThrows(IllegalArgumentException.class, () -> new AdmissionQueue(0, SECOND, now::get));
    }

    @Test
    void underConcurrentArrivalsAndDeparturesNoMoreThanTheLimitAreServedAndNoPlaceIsLost() throws Exception {
        AdmissionQueue q = new AdmissionQueue(3, 60 * SECOND, System::nanoTime);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        int requests = 400;
        CountDownLatch done = new CountDownLatch(requests);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < requests; i++) {
                pool.submit(() -> {
                    AdmissionQueue.Ticket[] self = new AdmissionQueue.Ticket[1];
                    // "serving" the request: count it, then leave from another thread as a response's end would
                    Runnable serve = () -> pool.submit(() -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                        q.leave(self[0]);
                        done.countDown();
                    });
                    self[0] = q.ticket(serve);
                    if (q.enter(self[0])) {
                        serve.run();
                    }
                });
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "every request was served: " + done.getCount() + " left");
        } finally {
            pool.shutdownNow();
        }
        assertTrue(most.get() <= 3, "at most 3 at a time, saw " + most.get());
        assertEquals(0, q.serving());
        assertEquals(0, q.waiting());
    }
}
