package io.nubis.platform.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * First come, first served admission of at most {@code limit} tickets at a time ({@link RequestGate}). A ticket that
 * waited longer than {@code maxWaitNanos} is admitted beside the others by {@link #admitOverdue}, whatever their
 * number. Thread-safe; a ticket's {@code go} runs outside the queue's lock.
 */
final class AdmissionQueue {

    /** One request at the queue. Its state is guarded by the queue. */
    static final class Ticket {

        private final Runnable go;
        private final long since;
        private boolean admitted;
        private boolean left;

        private Ticket(Runnable go, long since) {
            this.go = go;
            this.since = since;
        }
    }

    private final int limit;
    private final long maxWaitNanos;
    private final ArrayDeque<Ticket> queue = new ArrayDeque<>();
    private int serving;
    private long admittedTotal;

    AdmissionQueue(int limit, long maxWaitNanos) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.limit = limit;
        this.maxWaitNanos = maxWaitNanos;
    }

    /** A ticket that, when admitted after waiting, runs {@code go}; {@code since} is its arrival (nanoTime). */
    Ticket ticket(Runnable go, long since) {
        return new Ticket(go, since);
    }

    /**
     * Admits the ticket now when fewer than {@code limit} are served and none waits (true: the caller goes on at once,
     * {@code go} is not run), else queues it (false: {@code go} runs when its turn comes). A ticket that left already
     * is neither admitted nor queued (false).
     */
    synchronized boolean enter(Ticket t) {
        if (t.left) {
            return false;
        }
        if (serving < limit && queue.isEmpty()) {
            serving++;
            admittedTotal++;
            t.admitted = true;
            return true;
        }
        queue.addLast(t);
        return false;
    }

    /**
     * The ticket's request ended (served) or gave up (waiting): frees its place and admits the next waiting one.
     * Idempotent.
     */
    void leave(Ticket t) {
        Ticket next = null;
        synchronized (this) {
            if (t.left) {
                return;
            }
            t.left = true;
            if (!t.admitted) {
                queue.remove(t);
                return;
            }
            serving--;
            if (serving < limit) {
                next = admitNext();
            }
        }
        if (next != null) {
            next.go.run();
        }
    }

    /** Admits every ticket that has waited longer than the maximum at {@code now} (nanoTime), beside the others. */
    void admitOverdue(long now) {
        List<Ticket> overdue = new ArrayList<>();
        synchronized (this) {
            while (!queue.isEmpty() && now - queue.peekFirst().since > maxWaitNanos) {
                overdue.add(admitNext());
            }
        }
        overdue.forEach(t -> t.go.run());
    }

    private Ticket admitNext() {
        Ticket next = queue.pollFirst();
        if (next != null) {
            serving++;
            admittedTotal++;
            next.admitted = true;
        }
        return next;
    }

    /** Whether the ticket was admitted (at once or after waiting). */
    synchronized boolean admitted(Ticket t) {
        return t.admitted;
    }

    /** Tickets admitted and not yet left (above the limit when some waited too long). */
    synchronized int serving() {
        return serving;
    }

    /** Tickets admitted since the start, at once or after waiting. */
    synchronized long admittedTotal() {
        return admittedTotal;
    }

    /** Tickets waiting. */
    synchronized int waiting() {
        return queue.size();
    }

    int limit() {
        return limit;
    }
}
