package io.nubis.job;

/**
 * One named step of a {@link Workflow}. Runs outside any database transaction; code that writes rows calls a
 * {@code @Transactional} service method, so each write commits on its own.
 *
 * <p>
 * Contract: {@link #run} must be idempotent (after a crash the engine may run it again, from the start).
 * {@link #rollback} undoes what {@code run} did; it is called for every completed step in reverse order when a later
 * step fails, and also for the step that was running when a process died, so it must tolerate a {@code run} that did
 * not finish or never started. Record what rollback needs in {@link JobContext#put}.
 */
public interface Step {

    /** Short identifier shown as the job's current step, e.g. {@code connect}. */
    String name();

    void run(JobContext ctx) throws Exception;

    default void rollback(JobContext ctx) throws Exception {
    }

    /** Convenience factory for steps written as lambdas. */
    static Step of(String name, StepAction run, StepAction rollback) {
        return new Step() {

            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(JobContext ctx) throws Exception {
                run.apply(ctx);
            }

            @Override
            public void rollback(JobContext ctx) throws Exception {
                rollback.apply(ctx);
            }
        };
    }

    static Step of(String name, StepAction run) {
        return of(name, run, ctx -> {
        });
    }

    /** A step body. */
    @FunctionalInterface
    interface StepAction {

        void apply(JobContext ctx) throws Exception;
    }
}
