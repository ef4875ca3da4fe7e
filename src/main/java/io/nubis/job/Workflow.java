package io.nubis.job;

import java.util.List;

/**
 * What a job type does: an ordered list of {@link Step}s plus the final transitions of its resource. Implementations
 * are {@code @ApplicationScoped} beans; the engine finds them by {@link #type()}.
 */
public interface Workflow {

    /** What to do with a job found Running after its worker died. */
    enum Recovery {
        /** Run the interrupted step again and carry on (steps are idempotent). */
        RESUME,
        /**
         * Roll back every step, from the last one down: each rollback must be idempotent and do nothing for a step that
         * never ran (the step contract), and read what to undo from the database, not from the job's context. The
         * engine then records the job's progress between steps only now and then ({@code
         * nubis.jobs.progress-interval}): a job that runs in a second costs no write per step.
         */
        ROLLBACK
    }

    /** Job type, unique, e.g. {@code host.add}. */
    String type();

    /** The steps, in order. May depend on the job's params; must return the same list for the same job. */
    List<Step> steps(JobContext ctx);

    /**
     * Called inside the transaction that marks the job Succeeded: move the resource to its final state here, so the job
     * and the resource can never disagree.
     */
    default void onSucceeded(JobContext ctx) {
    }

    /**
     * Called inside the transaction that marks the job RolledBack or Failed, after the rollback steps ran: put the
     * resource into its post-failure state (or delete a row that never came to life).
     */
    default void onFailed(JobContext ctx, String error) {
    }

    default Recovery recovery() {
        return Recovery.RESUME;
    }
}
