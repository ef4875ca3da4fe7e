package io.nubis.compute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The threads that ping hosts, and a round of pings that waits for them. {@link #stop} (server shutdown) ends every
 * round's wait at once: pings not started yet are cancelled, running ones interrupted. Before, a round kept waiting for
 * pings the stopped pool would never run, up to twice the ping interval each, and held a Quarkus worker thread so that
 * the server's shutdown waited its full minute for it and then gave up.
 */
final class PingPool {

    /** How often a waiting round looks whether the pool was stopped. */
    private static final long SLICE_MS = 100;

    private final ExecutorService pool;
    private volatile boolean stopped;

    PingPool(int threads, String threadName) {
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code pings} on the pool and waits for each at most {@code each} (cancelling one that takes longer);
     * returns early, leaving the rest, once the pool is stopped.
     */
    void runAll(List<Runnable> pings, Duration each) {
        List<Future<?>> running = new ArrayList<>();
        try {
            for (Runnable ping : pings) {
                running.add(pool.submit(ping));
            }
        } catch (RejectedExecutionException stopping) {
            // the pool was stopped meanwhile: wait for nothing that did not start
        }
        for (Future<?> f : running) {
            await(f, each);
        }
    }

    private void await(Future<?> f, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!stopped) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                f.cancel(true);
                return;
            }
            try {
                f.get(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, SLICE_MS), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                // look at the stop flag, then wait on
            } catch (CancellationException | ExecutionException e) {
                return; // the ping reports its own outcome; a cancelled one has none
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                f.cancel(true);
                return;
            }
        }
        f.cancel(true);
    }

    /** Stops the pool for good: nothing new starts, running pings are interrupted, every waiting round returns. */
    void stop() {
        stopped = true;
        for (Runnable notStarted : pool.shutdownNow()) {
            if (notStarted instanceof Future<?> f) {
                f.cancel(false);
            }
        }
    }

    boolean stopped() {
        return stopped;
    }
}
