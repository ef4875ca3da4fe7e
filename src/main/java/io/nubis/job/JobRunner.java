package io.nubis.job;

import io.nubis.platform.Text;
import io.nubis.driver.DriverException;
import io.nubis.platform.NubisException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import io.nubis.platform.web.RequestsInFlight;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs one job this node owns, on a worker thread: steps forward (outside any transaction, progress and context saved
 * between steps), or, after a failure, rollbacks in reverse, then the final transaction ({@link JobFinisher}).
 *
 * <p>
 * When step {@code k} fails, the original error is recorded, the job becomes RollingBack, and {@code rollback} is
 * called for step {@code k} itself (it may have half-done its work) and then for steps {@code k-1 .. 0}. A rollback
 * that throws is logged and the others still run; the job then ends Failed instead of RolledBack, its error still the
 * original cause plus a note. Every write is lease-guarded: when the lease was lost (another node took the job over)
 * the runner stops silently. When the server is stopping, it stops between steps and leaves the job to recovery.
 *
 * <p>
 * Every failure is recorded twice: the technical detail ({@code error}, admin-only log lines) and what a tenant may
 * read ({@code public_error}, see {@link JobErrors#publicCause}, and public log lines that name the step but not the
 * detail). Rollback notes stay admin-only.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    JobStore store;
    @Inject
    JobFinisher finisher;
    @Inject
    WorkflowRegistry workflows;
    @Inject
    JobLogWriter log;
    @Inject
    JobNode node;
    @Inject
    JobWorkers workers;
    @Inject
    JobFaultHook faults;
    @Inject
    JobMetrics metrics;
    @Inject
    JobsConfig config;
    @Inject
    RequestsInFlight requests;
    @Inject
    LeaseKeeper leases;
    @Inject
    ProgressTicker ticker;
    @Inject
    StepTurns turns;

    /** Carries out {@code plan} for job {@code jobId}, which this node must own (claimed or taken over). */
    @ActivateRequestContext
    public void run(String jobId, RunPlan plan) {
        run(jobId, null, plan);
    }

    /**
     * Runs a job this node has just claimed, from the row the claim read ({@link JobClaimer#claimJobs}): no second
     * read, and step 0 is already recorded as the current one.
     */
    @ActivateRequestContext
    public void runClaimed(JobSnapshot claimed) {
        run(claimed.id(), claimed, RunPlan.fresh());
    }

    private void run(String jobId, JobSnapshot claimed, RunPlan plan) {
        // every log line of the job's work carries its id (the console and JSON formats print the MDC)
        Object outer = MDC.put("jobId", jobId);
        try {
            runJob(jobId, claimed, plan);
        } finally {
            if (outer == null) {
                MDC.remove("jobId");
            } else {
                MDC.put("jobId", outer);
            }
        }
    }

    private void runJob(String jobId, JobSnapshot claimed, RunPlan plan) {
        JobSnapshot job = claimed != null ? claimed : store.load(jobId);
        if (job == null || job.state().isFinal() || !node.id().equals(job.leaseOwner())) {
            LOG.debugf("job %s is no longer this node's to run", jobId);
            return;
        }
        JobLogBuffer buffer = new JobLogBuffer();
        JobContext ctx = new JobContext(job.id(), job.type(), job.resourceId(), job.resourceName(), job.accountId(),
                job.caller(), job.params(), job.context(), buffer);
        ctx.checkpoint(values -> {
            if (!store.saveContext(job.id(), node.id(), values, null, buffer)) {
                throw new LeaseLostException(job.id());
            }
        });
        Optional<Workflow> workflow = workflows.find(job.type());
        if (workflow.isEmpty()) {
            String error = "No workflow handles job type '" + job.type() + "' on node " + node.id();
            ctx.error(error);
            end(job, null, ctx, JobState.Failed, error, null);
            return;
        }
        Workflow wf = workflow.get();
        List<Step> steps;
        try {
            steps = List.copyOf(wf.steps(ctx));
        } catch (RuntimeException e) {
            String error = "Workflow " + job.type() + " could not list its steps: " + JobErrors.describe(e);
            LOG.warnf(e, "job %s: %s", job.id(), error);
            ctx.error(error);
            end(job, wf, ctx, JobState.Failed, error, null);
            return;
        }
        if (plan.kind() == RunPlan.Kind.FORWARD) {
            forward(job, wf, ctx, buffer, steps, plan.fromIndex(), claimed != null);
        } else {
            // recovery: a RollingBack job keeps the cause it recorded; a Running one was interrupted
            String publicCause = job.state() == JobState.RollingBack
                    ? job.publicError()
                    : Text.of(JobMessages.class, m -> m.job_error_interrupted()).english();
            rollback(job, wf, ctx, buffer, steps, plan.rollbackTop(steps.size()), plan.cause(), publicCause);
        }
    }

    private void forward(JobSnapshot job, Workflow wf, JobContext ctx, JobLogBuffer buffer, List<Step> steps,
            int from, boolean fresh) {
        int n = steps.size();
        int i = nextToRun(steps, ctx, Math.max(0, from));
        // true when the job row already says step i runs: the previous update recorded it (progress and next step in
        // one update), or a fresh claim starts at step 0, which the claim recorded (step_index 0)
        boolean announced = fresh && i == 0;
        // a workflow whose recovery undoes every step needs no record of each step: progress is written when it is
        // worth reading (docs/jobs.md, "Progress of a job recovery undoes")
        boolean undoesAll = wf.recovery() == Workflow.Recovery.ROLLBACK;
        long lastWrite = System.nanoTime();
        // the step the job row names (the claim named step 0)
        int shown = fresh ? 0 : -1;
        while (i < n) {
            Step step = steps.get(i);
            boolean busy = !letRequestsGoFirst();
            if (workers.stopping()) {
                leftToRecovery(job);
                return;
            }
            if (!announced) {
                if (!store.startStep(job.id(), node.id(), JobState.Running, i, step.name(), n, i * 100 / n, buffer)) {
                    leaseLost(job);
                    return;
                }
                shown = i;
            }
            ctx.log("INFO", LogAudience.PUBLIC, "step " + (i + 1) + "/" + n + " " + step.name());
            // beside requests still being served, a step waits for one of the few turns (not counted in its time)
            StepTurns.Turn turn = turns.take(busy);
            long stepStart = System.nanoTime();
            // a step of a job that records its progress only now and then is shown once it runs long
            try (turn;
                    ProgressTicker.Watch slow = undoesAll && shown != i
                            ? ticker.watch(job.id(), node.id(), i, step.name(), n)
                            : () -> {
                            }) {
                step.run(ctx);
                metrics.stepDone(job.type(), step.name(), true, System.nanoTime() - stepStart);
            } catch (io.nubis.platform.SimulatedCrash crash) {
                throw crash; // crash tests: the process "died" inside the step; recovery takes the job over
            } catch (LeaseLostException e) {
                leaseLost(job);
                return;
            } catch (Exception e) {
                if (workers.stopping()) {
                    leftToRecovery(job);
                    return;
                }
                metrics.stepDone(job.type(), step.name(), false, System.nanoTime() - stepStart);
                stepFailed(job, wf, ctx, buffer, steps, i, e);
                return;
            }
            faults.afterStep(job, step.name());
            int next = nextToRun(steps, ctx, i + 1);
            if (next == n) {
                // the last step's values, progress and log lines go into the final transaction (JobFinisher): a crash
                // before it is recovered like one inside the step, which the step contract covers (docs/jobs.md)
                break;
            }
            if (undoesAll && System.nanoTime() - lastWrite < config.progressInterval().toNanos()
                    && leases.surelyHeld(ctx.startedNanos())) {
                // its values, log lines and finishing writes wait for the next progress write or the final one
                announced = true;
                i = next;
                continue;
            }
            List<Runnable> stepWrites = ctx.takeStepWrites();
            boolean owned;
            try {
                owned = store.advance(job.id(), node.id(), ctx.values(), next * 100 / n, next,
                        steps.get(next).name(), n, buffer, stepWrites);
            } catch (RuntimeException e) {
                if (stepWrites.isEmpty()) {
                    throw e;
                }
                // a write that finishes the step's work failed (JobContext#whenStepRecorded): the step failed
                stepFailed(job, wf, ctx, buffer, steps, i, e);
                return;
            }
            if (!owned) {
                leaseLost(job);
                return;
            }
            announced = true;
            lastWrite = System.nanoTime();
            shown = next;
            i = next;
        }
        ctx.log("INFO", LogAudience.PUBLIC, "all " + n + " steps done");
        try {
            if (finisher.succeed(job, wf, ctx)) {
                metrics.jobEnded(job.type(), JobState.Succeeded, System.nanoTime() - ctx.startedNanos());
            } else {
                leaseLost(job);
            }
        } catch (JobFinisher.CallbackFailedException e) {
            String error = "Completing " + job.type() + " failed: " + JobErrors.describe(e.getCause());
            String publicCause = JobErrors.publicCause(e.getCause());
            logFailure(job, "onSucceeded", e.getCause());
            ctx.log("ERROR", LogAudience.PUBLIC, "completing the operation failed" + colon(publicCause));
            ctx.error(error);
            rollback(job, wf, ctx, buffer, steps, n - 1, error, publicCause);
        }
    }

    /** Step {@code i} threw {@code e}: logged for admins and for the tenant, then the job rolls back from it. */
    private void stepFailed(JobSnapshot job, Workflow wf, JobContext ctx, JobLogBuffer buffer, List<Step> steps, int i,
            Exception e) {
        Step step = steps.get(i);
        String error = JobErrors.describe(e);
        String publicCause = JobErrors.publicCause(e);
        logFailure(job, "step " + step.name(), e);
        ctx.log("ERROR", LogAudience.PUBLIC, "step " + step.name() + " failed" + colon(publicCause));
        ctx.error("step " + step.name() + " failed: " + error);
        rollback(job, wf, ctx, buffer, steps, i, error, publicCause);
    }

    /**
     * Requests first (issue 7): while the server is serving API or portal requests, the next step waits for them to
     * end, at most {@code nubis.jobs.requests-first}. A burst of creates is answered before the jobs it started take
     * the CPU; a steady stream of requests delays each step by at most that bound. Called between steps, outside any
     * transaction, so a waiting worker holds no lock a request could need. True when no request is being served (or
     * steps never wait); false when the bound passed first: the step then takes a turn ({@link StepTurns}).
     */
    private boolean letRequestsGoFirst() {
        Duration max = config.requestsFirst();
        if (max.isZero() || max.isNegative()) {
            return true;
        }
        try {
            return requests.awaitIdle(max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** The first step from {@code from} on that has something to do for this job ({@link Step#skips}), or the count. */
    private static int nextToRun(List<Step> steps, JobContext ctx, int from) {
        int i = from;
        while (i < steps.size() && steps.get(i).skips(ctx)) {
            i++;
        }
        return i;
    }

    private void rollback(JobSnapshot job, Workflow wf, JobContext ctx, JobLogBuffer buffer, List<Step> steps,
            int top, String cause, String publicCause) {
        ctx.takeStepWrites(); // what finished a step's work is moot: the step is undone
        String error = JobErrors.truncate(cause, JobErrors.MAX);
        int n = steps.size();
        if (!store.beginRollback(job.id(), node.id(), error, publicCause, Math.max(0, top), buffer)) {
            leaseLost(job);
            return;
        }
        for (int j = top; j >= 0; j--) {
            Step step = steps.get(j);
            if (workers.stopping()) {
                leftToRecovery(job);
                return;
            }
            if (!store.startStep(job.id(), node.id(), JobState.RollingBack, j, step.name(), n, null, buffer)) {
                leaseLost(job);
                return;
            }
            try {
                step.rollback(ctx);
                ctx.log("INFO", LogAudience.PUBLIC, "rolled back step " + step.name());
            } catch (LeaseLostException e) {
                leaseLost(job);
                return;
            } catch (Exception e) {
                String reason = JobErrors.describe(e);
                logFailure(job, "rollback of step " + step.name(), e);
                ctx.log("ERROR", LogAudience.PUBLIC, "rollback of step " + step.name() + " failed");
                ctx.error("rollback of step " + step.name() + " failed: " + reason);
                error = JobErrors.withRollbackFailure(error, step.name(), reason);
                if (!store.recordError(job.id(), node.id(), error, buffer)) {
                    leaseLost(job);
                    return;
                }
            }
            if (!store.saveContext(job.id(), node.id(), ctx.values(), null, buffer)) {
                leaseLost(job);
                return;
            }
        }
        boolean clean = !JobErrors.rollbackFailed(error);
        ctx.log("INFO", LogAudience.PUBLIC,
                clean ? "rolled back" : "rollback incomplete: an administrator should check the resource");
        end(job, wf, ctx, clean ? JobState.RolledBack : JobState.Failed, error, publicCause);
    }

    /**
     * The final transaction of a failed job; when onFailed itself fails, ends Failed without it. {@code publicCause} is
     * already in the row (or null); here it becomes the tenant's text that onFailed may copy into the resource.
     */
    private void end(JobSnapshot job, Workflow wf, JobContext ctx, JobState state, String error,
            String publicCause) {
        ctx.publicError(PublicJobError.of(publicCause, state, job.id()).english());
        try {
            if (finisher.fail(job, wf, ctx, state, error)) {
                metrics.jobEnded(job.type(), state, System.nanoTime() - ctx.startedNanos());
            } else {
                leaseLost(job);
            }
        } catch (JobFinisher.CallbackFailedException e) {
            String reason = JobErrors.describe(e.getCause());
            logFailure(job, "onFailed", e.getCause());
            ctx.error("putting the resource into its failed state failed: " + reason);
            ctx.publicError(PublicJobError.of(publicCause, JobState.Failed, job.id()).english());
            if (finisher.fail(job, null, ctx, JobState.Failed,
                    JobErrors.withNote(error, JobErrors.ON_FAILED_NOTE + reason))) {
                metrics.jobEnded(job.type(), JobState.Failed, System.nanoTime() - ctx.startedNanos());
            } else {
                leaseLost(job);
            }
        }
    }

    /** A mid-step {@link JobContext#record} found the job no longer this node's: the step must stop. */
    static final class LeaseLostException extends IllegalStateException {

        LeaseLostException(String jobId) {
            super("job " + jobId + ": lease lost (another node took it over)");
        }
    }

    private static String colon(String publicCause) {
        return publicCause == null ? "" : ": " + publicCause;
    }

    private static void logFailure(JobSnapshot job, String what, Throwable e) {
        if (e instanceof DriverException || e instanceof NubisException) {
            LOG.infof("job %s (%s): %s failed: %s", job.id(), job.type(), what, e.getMessage());
        } else {
            LOG.warnf(e, "job %s (%s): %s failed", job.id(), job.type(), what);
        }
    }

    private void leaseLost(JobSnapshot job) {
        LOG.infof("job %s: lease lost (another node took it over); this node stops working on it", job.id());
    }

    private void leftToRecovery(JobSnapshot job) {
        LOG.infof("job %s: server stopping; left to recovery when its lease expires", job.id());
    }
}
