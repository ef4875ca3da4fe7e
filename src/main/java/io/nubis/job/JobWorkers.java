package io.nubis.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The fixed pool of {@code nubis.jobs.workers} threads that run jobs, with one slot per thread. Whoever claims or takes
 * over jobs first {@link #reserve}s slots, so this node never owns more jobs than it can run at once; each finished run
 * frees its slot and wakes the dispatcher (a queued job of the same resource may be runnable now).
 */
@ApplicationScoped
public class JobWorkers {

    private static final Logger LOG = Logger.getLogger(JobWorkers.class);

    @Inject
    JobsConfig config;
    @Inject
    LeaseKeeper leases;
    @Inject
    WakeSignal wake;

    private volatile ExecutorService pool;
    private volatile Semaphore slots = new Semaphore(0);
    private volatile boolean stopping;

    synchronized void start() {
        AtomicInteger n = new AtomicInteger();
        slots = new Semaphore(config.workers());
        stopping = false;
        pool = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "job-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes up to {@code max} free slots without waiting; returns how many it took. */
    int reserve(int max) {
        int taken = 0;
        while (taken < max && !stopping && slots.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    /** How many slots are free right now (a hint: another thread may take them first). */
    int available() {
        return stopping ? 0 : slots.availablePermits();
    }

    /** Gives back reserved slots that were not used. */
    void release(int count) {
        if (count > 0) {
            slots.release(count);
        }
    }

    /**
     * Runs {@code work} for a job this node now owns, on a reserved slot. The job's lease is renewed until the work
     * returns. Work that throws is logged; the job is left as it is and recovery handles it after its lease expires.
     */
    void execute(String jobId, Runnable work) {
        leases.track(jobId);
        try {
            pool.execute(() -> {
                try {
                    work.run();
                } catch (io.nubis.platform.SimulatedCrash e) {
                    LOG.infof("job %s: %s; left to recovery", jobId, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.errorf(e,
                            "job %s: unexpected error in the engine; recovery takes it over when its lease expires",
                            jobId);
                } finally {
                    leases.untrack(jobId);
                    slots.release();
                    wake.signal();
                }
            });
        } catch (RejectedExecutionException e) {
            leases.untrack(jobId);
            slots.release();
            LOG.infof("job %s not started: workers are stopping; recovery takes it over when its lease expires", jobId);
        }
    }

    /** True once shutdown began: runs stop between steps and leave their jobs to recovery. */
    boolean stopping() {
        return stopping;
    }

    /**
     * Stops taking work and waits up to {@code grace} for running steps to finish. Jobs still running after that are
     * not marked failed: their threads are interrupted, their leases expire and recovery takes them over.
     */
    void stop(Duration grace) {
        stopping = true;
        ExecutorService p = pool;
        if (p == null) {
            return;
        }
        p.shutdown();
        try {
            if (!p.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("job workers still busy after %s; interrupting them, recovery will take their jobs over",
                        grace);
                p.shutdownNow();
            }
        } catch (InterruptedException e) {
            p.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
