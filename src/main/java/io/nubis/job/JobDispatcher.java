package io.nubis.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The one thread per node that claims Pending jobs and hands them to the {@link JobWorkers}. It claims as many jobs as
 * there are free workers; when nothing was claimable it sleeps until {@link WakeSignal} is raised (a submit committed,
 * a job finished) or the poll interval passes. The poll covers jobs submitted through other nodes, whose events this
 * node never sees.
 */
@ApplicationScoped
public class JobDispatcher {

    private static final Logger LOG = Logger.getLogger(JobDispatcher.class);

    @Inject
    JobsConfig config;
    @Inject
    JobNode node;
    @Inject
    JobClaimer claimer;
    @Inject
    JobWorkers workers;
    @Inject
    JobRunner runner;
    @Inject
    WakeSignal wake;

    private final ReentrantLock claiming = new ReentrantLock();
    private volatile boolean running;
    private volatile boolean paused;
    /** System.nanoTime() of the loop's last round (readiness: the dispatcher is not stuck). */
    private volatile long lastRound;
    private Thread thread;

    /** A submitted job's transaction committed: claim now rather than at the next poll. */
    void onSubmitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobSubmitted event) {
        wake.signal();
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "job-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops claiming and waits for the dispatcher thread to end; jobs already handed out keep running. */
    synchronized void stop() {
        running = false;
        wake.signal();
        if (thread != null) {
            try {
                thread.join(config.pollInterval().toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    /**
     * Stops claiming new jobs on this node (running ones continue) and returns once no claim is in flight. For draining
     * a node and for tests that claim by hand.
     */
    public void pause() {
        paused = true;
        claiming.lock();
        claiming.unlock();
    }

    /** Claims again after {@link #pause()}. */
    public void resume() {
        paused = false;
        wake.signal();
    }

    private void loop() {
        LOG.infof("job dispatcher started on %s with %d workers", node.id(), config.workers());
        while (running) {
            lastRound = System.nanoTime();
            boolean claimed = false;
            try {
                claimed = dispatchOnce();
            } catch (RuntimeException e) {
                LOG.warnf(e, "claiming jobs failed; retrying in %s", config.pollInterval());
            }
            if (!claimed) {
                try {
                    wake.await(config.pollInterval());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        LOG.info("job dispatcher stopped");
    }

    /**
     * Whether the dispatcher thread is alive and went round its loop within the poll interval plus {@code slack}. A
     * node whose job engine is off ({@code nubis.jobs.workers=0}) never started it.
     */
    public boolean alive(Duration slack) {
        Thread t = thread;
        return running && t != null && t.isAlive()
                && System.nanoTime() - lastRound <= config.pollInterval().plus(slack).toNanos();
    }

    /** One claim round; true when it claimed something (there may be more right away). */
    boolean dispatchOnce() {
        if (paused || !running) {
            return false;
        }
        int free = workers.reserve(config.workers());
        if (free == 0) {
            return false;
        }
        List<JobSnapshot> claimed = List.of();
        claiming.lock();
        try {
            if (!paused && running) {
                claimed = claimer.claimJobs(node.id(), free);
            }
        } finally {
            claiming.unlock();
            workers.release(free - claimed.size());
        }
        for (JobSnapshot job : claimed) {
            workers.execute(job.id(), () -> runner.runClaimed(job));
        }
        return !claimed.isEmpty();
    }
}
