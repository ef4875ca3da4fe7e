package io.nubis.job;

import io.nubis.platform.DbTime;
import io.nubis.iam.Accounts;
import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditTarget;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * Ends a job in one transaction: final state, {@code finished_at}, lease cleared, resource lock deleted, the workflow's
 * {@code onSucceeded}/{@code onFailed} (so the resource and the job never disagree) and the audit event (see
 * {@link #auditDetail} for what it keeps of a failure). Guarded by the lease like every other write: when this node no
 * longer owns the job nothing is written.
 */
@ApplicationScoped
public class JobFinisher {

    @Inject
    EntityManager em;
    @Inject
    io.nubis.platform.Sql sql;
    @Inject
    JobLogWriter logWriter;
    @Inject
    AuditLog audit;
    @Inject
    JobNode node;
    @Inject
    JobService jobs;
    @Inject
    AttentionService attention;

    /** The workflow's callback threw: the final transaction was rolled back; the cause is the callback's exception. */
    static final class CallbackFailedException extends RuntimeException {

        CallbackFailedException(RuntimeException cause) {
            super(cause);
        }
    }

    /** The guarded final update found no row this node owns; the transaction was rolled back. */
    private static final class LeaseLostException extends RuntimeException {

        LeaseLostException() {
            super(null, null, false, false);
        }
    }

    /**
     * Marks the job Succeeded (percent 100) and calls {@link Workflow#onSucceeded}.
     *
     * @return false when the lease was lost (nothing written)
     * @throws CallbackFailedException when onSucceeded threw (nothing written)
     */
    boolean succeed(JobSnapshot job, Workflow workflow, JobContext ctx) {
        return finish(job, JobState.Succeeded, null, ctx, () -> workflow.onSucceeded(ctx));
    }

    /**
     * Marks the job RolledBack or Failed with {@code error} and calls {@link Workflow#onFailed}, unless
     * {@code workflow} is null (unknown type, or a retry after onFailed itself failed).
     *
     * @return false when the lease was lost (nothing written)
     * @throws CallbackFailedException when onFailed threw (nothing written)
     */
    boolean fail(JobSnapshot job, Workflow workflow, JobContext ctx, JobState end, String error) {
        ctx.rolledBack(end == JobState.RolledBack);
        return finish(job, end, error, ctx, workflow == null ? () -> {
        } : () -> workflow.onFailed(ctx, error));
    }

    private boolean finish(JobSnapshot job, JobState end, String error, JobContext ctx, Runnable callback) {
        JobLogBuffer buffer = ctx.sink() instanceof JobLogBuffer b ? b : null;
        List<JobLogBuffer.Line> lines = buffer == null ? List.of() : buffer.drain();
        List<Runnable> stepWrites = ctx.takeStepWrites();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                logWriter.insert(lines);
                String now = DbTime.of(Instant.now());
                int updated = sql.update("UPDATE job SET state = ?, error = ?, context = ?,"
                        + (end == JobState.Succeeded ? " percent = 100," : "")
                        + " finished_at = ?, updated_at = ?, lease_owner = NULL, lease_until = NULL"
                        + " WHERE id = ? AND lease_owner = ? AND state IN " + JobStore.ACTIVE_SQL, end.name(), error,
                        jobs.toJson(ctx.values()), now, now, job.id(), node.id());
                if (updated != 1) {
                    throw new LeaseLostException();
                }
                sql.update("DELETE FROM resource_lock WHERE resource_id = ? AND job_id = ?", job.resourceId(),
                        job.id());
                try {
                    // the last step's finishing writes (JobContext#whenStepRecorded; none when the job failed)
                    stepWrites.forEach(Runnable::run);
                    callback.run();
                    em.flush();
                } catch (RuntimeException e) {
                    throw new CallbackFailedException(e);
                }
                attention.settle(job, end, error, ctx.values());
                audit.jobOutcome(job.caller(), job.type(),
                        AuditTarget.of(job.resourceType(), job.resourceId(), job.resourceName(), job.accountId()),
                        end == JobState.Succeeded, auditDetail(job, end, error, ctx), job.id());
            });
            return true;
        } catch (RuntimeException e) {
            if (buffer != null) {
                buffer.restore(lines);
            }
            if (find(e, LeaseLostException.class) != null) {
                return false;
            }
            CallbackFailedException callbackFailed = find(e, CallbackFailedException.class);
            throw callbackFailed != null ? callbackFailed : e;
        }
    }

    /**
     * The failure as the audit event keeps it. Tenants read the events of their account (as caller or as owner of the
     * target): those get the tenant's text; the technical detail only goes into events no tenant can read (an admin's
     * job on a resource of the admin account). The event names the job, whose detail admins read.
     */
    private static String auditDetail(JobSnapshot job, JobState end, String error, JobContext ctx) {
        if (error == null || job.caller().admin() && Accounts.ADMIN_ID.equals(job.accountId())) {
            return error;
        }
        return ctx.publicError() != null ? ctx.publicError() : PublicJobError.of(null, end, job.id()).english();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
