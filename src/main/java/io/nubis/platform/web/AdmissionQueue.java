package io.nubis.platform.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * First come, first served admission of at most {@code limit} tickets at a time ({@link RequestGate}). Nobody holds a
 * place or waits for one longer than {@code maxWaitNanos}: {@link #sweep} takes the place back from a ticket admitted
 * longer ago than that (it goes on, outside the count), and admits a ticket that waited longer than that beside the
 * others. So requests that hang (a client that never sends the body it announced, a slow identity provider) hold the
 * others back once, for at most that long, and not for as long as they last. Thread-safe; a ticket's {@code go} runs
 * outside the queue's lock.
 */
final class AdmissionQueue {

    /** One request at the queue. Its state is guarded by the queue. */
    static final class Ticket {

        private final Runnable go;
        private final long since;
        private long admittedAt;
        private boolean admitted;
        private boolean holding;
        private boolean left;

        private Ticket(Runnable go, long since) {
            this.go = go;
            this.since = since;
        }
    }

    private final int limit;
    private final long maxWaitNanos;
    private final LongSupplier clock;
    private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    /** Tickets holding a place, in the order they were admitted. */
    private final ArrayDeque<Ticket> holders = new ArrayDeque<>();
    private long admittedTotal;

    /** {@code clock}: the time in nanoseconds ({@code System::nanoTime}; tests set it). */
    AdmissionQueue(int limit, long maxWaitNanos, LongSupplier clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.limit = limit;
        this.maxWaitNanos = maxWaitNanos;
        this.clock = clock;
    }

    /** A ticket arriving now that, when admitted after waiting, runs {@code go}. */
    Ticket ticket(Runnable go) {
        return new Ticket(go, clock.getAsLong());
    }

    /**
     * Admits the ticket now when fewer than {@code limit} hold a place and none waits (true: the caller goes on at
     * once, {@code go} is not run), else queues it (false: {@code go} runs when its turn comes). A ticket that left
     * already is neither admitted nor queued (false).
     */
    synchronized boolean enter(Ticket t) {
        if (t.left) {
            return false;
        }
        if (holders.size() < limit && waiting.isEmpty()) {
            admit(t, clock.getAsLong());
            return true;
        }
        waiting.addLast(t);
        return false;
    }

    /**
     * The ticket's request ended (served) or gave up (waiting): frees its place, if it still held one, for the next
     * waiting ticket. Idempotent.
     */
    void leave(Ticket t) {
        List<Ticket> next = new ArrayList<>();
        synchronized (this) {
            if (t.left) {
                return;
            }
            t.left = true;
            if (!t.admitted) {
                waiting.remove(t);
                return;
            }
            if (t.holding) {
                holders.remove(t);
                t.holding = false;
                admitWhileRoom(next);
            }
        }
        next.forEach(n -> n.go.run());
    }

    /**
     * Takes the place back from tickets admitted longer than the maximum ago, admits waiting ones into the places
     * freed, and admits those that waited longer than the maximum beside the others. Called every 100 ms.
     */
    void sweep() {
        List<Ticket> next = new ArrayList<>();
        synchronized (this) {
            long now = clock.getAsLong();
            while (!holders.isEmpty() && now - holders.peekFirst().admittedAt > maxWaitNanos) {
                holders.pollFirst().holding = false;
            }
            admitWhileRoom(next);
            while (!waiting.isEmpty() && now - waiting.peekFirst().since > maxWaitNanos) {
                Ticket t = waiting.pollFirst();
                admit(t, now);
                next.add(t);
            }
        }
        next.forEach(n -> n.go.run());
    }

    private void admitWhileRoom(List<Ticket> admitted) {
        long now = clock.getAsLong();
        while (holders.size() < limit && !waiting.isEmpty()) {
            Ticket t = waiting.pollFirst();
            admit(t, now);
            admitted.add(t);
        }
    }

    private void admit(Ticket t, long now) {
        t.admitted = true;
        t.holding = true;
        t.admittedAt = now;
        holders.addLast(t);
        admittedTotal++;
    }

    /** Whether the ticket was admitted (at once or after waiting). */
    synchronized boolean admitted(Ticket t) {
        return t.admitted;
    }

    /** Tickets holding a place (above the limit only while some that waited too long do). */
    synchronized int serving() {
        return holders.size();
    }

    /** Tickets admitted since the start, at once or after waiting. */
    synchronized long admittedTotal() {
        return admittedTotal;
    }

    /** Tickets waiting. */
    synchronized int waiting() {
        return waiting.size();
    }

    int limit() {
        return limit;
    }
}
