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
import org.junit.jupiter.api.Test;

/** The request gate's queue (issue 7): a limit, arrival order, leaving while waiting, the bound on the wait. */
class AdmissionQueueTest {

    private static final long SECOND = 1_000_000_000L;

    private final List<String> went = new ArrayList<>();

    private AdmissionQueue.Ticket ticket(AdmissionQueue q, String name, long since) {
        return q.ticket(() -> went.add(name), since);
    }

    /** Tickets that arrive one after another (1 ns apart); the first {@code atOnce} are admitted at once. */
    private List<AdmissionQueue.Ticket> arrive(AdmissionQueue q, int atOnce, String... names) {
        List<AdmissionQueue.Ticket> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            AdmissionQueue.Ticket t = ticket(q, names[i], i);
            assertEquals(i < atOnce, q.enter(t), names[i] + " admitted at once");
            out.add(t);
        }
        return out;
    }

    @Test
    void admitsUpToTheLimitAtOnceAndTheRestInArrivalOrderAsPlacesFree() {
        AdmissionQueue q = new AdmissionQueue(2, 5 * SECOND);
        List<AdmissionQueue.Ticket> t = arrive(q, 2, "a", "b", "c", "d");
        AdmissionQueue.Ticket a = t.get(0);
        AdmissionQueue.Ticket b = t.get(1);
        AdmissionQueue.Ticket c = t.get(2);
        AdmissionQueue.Ticket d = t.get(3);
        assertEquals(2, q.serving());
        assertEquals(2, q.waiting());
        assertEquals(List.of(), went, "admitted at once: the caller goes on, go is not run");

        q.leave(b);
        assertEquals(List.of("c"), went, "the first waiting one takes the freed place");
        assertTrue(q.admitted(c));
        assertFalse(q.admitted(d));
        assertEquals(2, q.serving());
        q.leave(a);
        assertEquals(List.of("c", "d"), went);
        q.leave(c);
        q.leave(d);
        assertEquals(0, q.serving());
        assertEquals(0, q.waiting());
    }

    @Test
    void aRequestThatGivesUpWhileWaitingLeavesTheQueueAndLeavingTwiceFreesOnePlace() {
        AdmissionQueue q = new AdmissionQueue(1, 5 * SECOND);
        List<AdmissionQueue.Ticket> t = arrive(q, 1, "a", "b", "c");
        AdmissionQueue.Ticket a = t.get(0);
        AdmissionQueue.Ticket b = t.get(1);
        AdmissionQueue.Ticket c = t.get(2);
        q.leave(b); // its connection closed while it waited
        assertEquals(1, q.waiting());
        assertEquals(List.of(), went);
        q.leave(a);
        q.leave(a); // an end handler that fires twice
        assertEquals(List.of("c"), went, "b is not run, c is, and only one place was freed");
        assertEquals(1, q.serving());
        q.leave(c);
        assertEquals(0, q.serving());

        AdmissionQueue.Ticket gone = ticket(q, "gone", 3);
        q.leave(gone); // closed before it reached the gate
        assertFalse(q.enter(gone));
        assertEquals(0, q.serving());
        assertEquals(0, q.waiting());
    }

    @Test
    void aRequestThatWaitedLongerThanTheMaximumIsServedBesideTheOthers() {
        AdmissionQueue q = new AdmissionQueue(1, 2 * SECOND);
        AdmissionQueue.Ticket hung = ticket(q, "hung", 0);
        assertTrue(q.enter(hung));
        AdmissionQueue.Ticket b = ticket(q, "b", SECOND);
        AdmissionQueue.Ticket c = ticket(q, "c", 2 * SECOND);
        assertFalse(q.enter(b));
        assertFalse(q.enter(c));
        q.admitOverdue(2 * SECOND);
        assertEquals(List.of(), went, "none waited longer than 2 s yet");
        q.admitOverdue(3 * SECOND + 1);
        assertEquals(List.of("b"), went);
        assertEquals(2, q.serving(), "above the limit while the hung one holds its place");
        q.admitOverdue(4 * SECOND + 1);
        assertEquals(List.of("b", "c"), went);
        q.leave(hung);
        q.leave(b);
        q.leave(c);
        assertEquals(0, q.serving());
        assertThrows(IllegalArgumentException.class, () -> new AdmissionQueue(0, SECOND));
    }

    @Test
    void underConcurrentArrivalsAndDeparturesNoMoreThanTheLimitAreServedAndNoPlaceIsLost() throws Exception {
        AdmissionQueue q = new AdmissionQueue(3, 60 * SECOND);
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
                    self[0] = q.ticket(serve, System.nanoTime());
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
