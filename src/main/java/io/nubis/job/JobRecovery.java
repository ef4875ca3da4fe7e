package io.nubis.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Takes over jobs whose worker died, so no job stays Running or RollingBack forever. At startup and every
 * {@code nubis.jobs.recovery-interval} it looks for active jobs whose lease expired (at startup also those leased to
 * this node's id: they were this node's before a restart), takes each over with a conditional update (only one node
 * wins), and then:
 * <ul>
 * <li>RollingBack: continues the rollback from {@code step_index} down to 0;</li>
 * <li>Running, workflow recovery RESUME and fewer than {@code max-attempts} attempts: re-runs the interrupted step and
 * carries on;</li>
 * <li>Running, workflow recovery ROLLBACK: rolls back every step, from the last down to 0 (the row may name an earlier
 * step than the one that was running: such workflows record progress only now and then);</li>
 * <li>Running, RESUME and its attempts used up: rolls back from the interrupted step down to 0.</li>
 * </ul>
 * It also deletes stale resource locks (held by a job that is final or gone), which would block a resource forever.
 * Each decision is written to the job's log: in full for admins (server names, lease times), and in a line for people
 * that its tenants read too.
 */
@ApplicationScoped
public class JobRecovery {

    private static final Logger LOG = Logger.getLogger(JobRecovery.class);
    private static final long STOP_WAIT_SECONDS = 10;

    @Inject
    JobsConfig config;
    @Inject
    JobNode node;
    @Inject
    JobStore store;
    @Inject
    JobWorkers workers;
    @Inject
    JobRunner runner;
    @Inject
    WorkflowRegistry workflows;
    @Inject
    LeaseKeeper leases;
    @Inject
    JobLogWriter log;
    @Inject
    WakeSignal wake;

    private ScheduledExecutorService timer;
    private volatile boolean stopped;

    synchronized void start() {
        stopped = false;
        long period = config.recoveryInterval().toMillis();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-recovery");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep(false);
            } catch (RuntimeException e) {
                LOG.warnf(e, "job recovery sweep failed; retrying in %s", config.recoveryInterval());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Stops the periodic rounds; a round in progress may finish (it takes no job over once stopping). */
    synchronized void stop() {
        stopped = true;
        if (timer != null) {
            timer.shutdown();
            try {
                if (!timer.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    timer.shutdownNow();
                }
            } catch (InterruptedException e) {
                timer.shutdownNow();
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    /**
     * One recovery round. Takes over at most as many jobs as there are free workers; the rest wait for the next round.
     *
     * @param startup also take over jobs still leased to this node's id (call only before this node claims anything)
     * @return how many jobs it took over
     */
    int sweep(boolean startup) {
        if (stopped) {
            return 0;
        }
        List<String> cleaned = store.cleanStaleLocks();
        if (!cleaned.isEmpty()) {
            LOG.warnf("removed %d stale resource locks (their job is final or gone): %s", cleaned.size(), cleaned);
            wake.signal();
        }
        int available = workers.available();
        if (available == 0) {
            return 0;
        }
        Instant now = Instant.now();
        List<JobSnapshot> orphans = store.orphans(now, startup ? node.id() : null, leases.tracked(), available);
        if (orphans.isEmpty()) {
            return 0;
        }
        // slots are held only while taking over, so the dispatcher rarely finds none free because of recovery
        int reserved = workers.reserve(orphans.size());
        int started = 0;
        try {
            for (JobSnapshot orphan : orphans) {
                if (started == reserved || stopped) {
                    break;
                }
                if (!store.takeOver(orphan, node.id(), now.plus(config.lease()), now)) {
                    continue;
                }
                RunPlan plan = plan(orphan);
                String what = describe(orphan, plan);
                LOG.infof("job %s: %s", orphan.id(), what);
                log.warn(orphan.id(), what);
                log.publicWarn(orphan.id(), describeForTenants(orphan, plan));
                started++;
                workers.execute(orphan.id(), () -> runner.run(orphan.id(), plan));
            }
            return started;
        } finally {
            if (reserved > started) {
                workers.release(reserved - started);
                wake.signal();
            }
        }
    }

    private RunPlan plan(JobSnapshot job) {
        if (job.state() == JobState.RollingBack) {
            return RunPlan.rollback(job.stepIndex(),
                    job.error() != null ? job.error() : "Interrupted while rolling back (no cause recorded)");
        }
        Optional<Workflow> wf = workflows.find(job.type());
        boolean resume = wf.isEmpty() || wf.get().recovery() == Workflow.Recovery.RESUME;
        if (resume && job.attempts() < config.maxAttempts()) {
            return RunPlan.resume(job.stepIndex());
        }
        if (resume) {
            return RunPlan.rollback(job.stepIndex(), "Interrupted at step " + stepName(job) + ": node "
                    + job.leaseOwner() + " stopped working on it; rolled back because it was already interrupted "
                    + job.attempts() + " times (max-attempts " + config.maxAttempts() + ")");
        }
        // its progress may not name the step that was running (JobsConfig#progressInterval): every step is undone
        return RunPlan.rollbackAll(job.stepIndex(), "Interrupted after step " + stepName(job) + " began: node "
                + job.leaseOwner() + " stopped working on it; rolled back because its workflow rolls back interrupted"
                + " jobs");
    }

    private String describe(JobSnapshot job, RunPlan plan) {
        String from = "recovered by node " + node.id() + " from node " + job.leaseOwner() + " (lease until "
                + job.leaseUntil() + "): ";
        if (plan.kind() == RunPlan.Kind.FORWARD) {
            return from + "resuming at step " + stepName(job) + " (attempt " + (job.attempts() + 1) + " of "
                    + config.maxAttempts() + ")";
        }
        return from + (job.state() == JobState.RollingBack ? "continuing the rollback" : "rolling back")
                + (plan.everyStep()
                        ? " every step (the last it recorded: " + stepName(job) + ")"
                        : " from step " + stepName(job));
    }

    /** The decision without server names: tenants learn that a server stopped, not which. */
    private static String describeForTenants(JobSnapshot job, RunPlan plan) {
        String from = "the server working on this operation stopped; ";
        if (plan.kind() == RunPlan.Kind.FORWARD) {
            return from + "resuming at step " + stepName(job);
        }
        return from + (job.state() == JobState.RollingBack ? "continuing the rollback" : "rolling back")
                + (plan.everyStep() ? " every step" : " from step " + stepName(job));
    }

    private static String stepName(JobSnapshot job) {
        return (job.stepName() == null ? "#" + job.stepIndex() : "'" + job.stepName() + "'");
    }
}
