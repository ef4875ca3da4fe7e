package io.nubis.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Knows which jobs this node is working on and renews their leases every third of {@code nubis.jobs.lease} in one
 * {@code UPDATE job SET lease_until = ? WHERE lease_owner = ? AND id IN (...)}. A job whose worker dies with this
 * process stops being renewed, its lease expires, and recovery takes it over. A failed renewal is logged and retried at
 * the next tick; two missed ticks in a row still leave a third of the lease.
 */
@ApplicationScoped
public class LeaseKeeper {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

    @Inject
    JobsConfig config;
    @Inject
    JobNode node;
    @Inject
    JobStore store;

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;
    /** {@link System#nanoTime} when the last round that extended every lease it tried began; 0 = none yet. */
    private volatile long confirmedAt;

    synchronized void start() {
        long period = Math.max(1, config.lease().toMillis() / 3);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-lease-keeper");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** Stops renewing; a renewal in progress may finish. Call after the workers stopped. */
    synchronized void stop() {
        if (timer != null) {
            timer.shutdown();
            try {
                if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                    timer.shutdownNow();
                }
            } catch (InterruptedException e) {
                timer.shutdownNow();
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    /** From now on renews the lease of {@code jobId}, which this node has just claimed or taken over. */
    void track(String jobId) {
        running.add(jobId);
    }

    /** Stops renewing: the job is final, or this node stopped working on it. */
    void untrack(String jobId) {
        running.remove(jobId);
    }

    /** Ids of the jobs this node is working on now. */
    Set<String> tracked() {
        return Set.copyOf(running);
    }

    /**
     * Whether the lease of a job this node has run since {@code startedNanos} ({@link System#nanoTime}, after its
     * claim) surely still holds for another half lease: it was claimed less than half a lease ago, or the last round
     * that extended every tracked lease began less than half a lease ago. A round that extended fewer rows than it
     * tried (a job finished, or was taken over) confirms nothing; nor does a round that failed or came late (a long
     * pause of this process), so a worker that was paused long enough for another server to take its job over finds out
     * at its next guarded write instead of going on.
     */
    boolean surelyHeld(long startedNanos) {
        return surelyHeld(System.nanoTime(), startedNanos, confirmedAt, config.lease().toNanos());
    }

    /** {@link #surelyHeld(long)} at {@code now}, all times from {@link System#nanoTime}; confirmed 0 = never. */
    static boolean surelyHeld(long now, long started, long confirmed, long lease) {
        long half = lease / 2;
        return now - started < half || confirmed != 0 && confirmed - started > 0 && now - confirmed < half;
    }

    /** Renews the leases of every tracked job now; returns how many rows were extended. */
    int renew() {
        long began = System.nanoTime();
        List<String> ids = List.copyOf(running);
        if (ids.isEmpty()) {
            return 0;
        }
        try {
            int renewed = store.renewLeases(node.id(), ids, Instant.now().plus(config.lease()));
            if (renewed == ids.size()) {
                confirmedAt = began;
            } else {
                LOG.debugf("renewed %d of %d job leases (the others finished or were taken over)", renewed, ids.size());
            }
            return renewed;
        } catch (RuntimeException e) {
            LOG.warnf(e, "renewing the leases of %d jobs failed; retrying in %s", ids.size(),
                    Math.max(1, config.lease().toMillis() / 3) + "ms");
            return 0;
        }
    }
}
