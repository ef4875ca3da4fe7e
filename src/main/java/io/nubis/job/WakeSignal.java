package io.nubis.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the dispatcher: raised after a job is submitted (commit) or finishes, and when recovery frees a resource. A
 * signal raised while nobody waits is remembered, so the next {@link #await} returns at once and no wake-up is lost.
 */
@ApplicationScoped
public class WakeSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition raised = lock.newCondition();
    private boolean pending;

    public void signal() {
        lock.lock();
        try {
            pending = true;
            raised.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a signal is raised or {@code timeout} passes, then clears the signal. */
    void await(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!pending && nanos > 0) {
                nanos = raised.awaitNanos(nanos);
            }
            pending = false;
        } finally {
            lock.unlock();
        }
    }
}
