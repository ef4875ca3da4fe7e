package io.nubis.job;

/**
 * One named step of a {@link Workflow}. Runs outside any database transaction; code that writes rows calls a
 * {@code @Transactional} service method, so each write commits on its own.
 *
 * <p>
 * Contract:
 * <ul>
 * <li>{@link #run} must be idempotent: after a crash the engine may run it again, from the start (a RESUME workflow
 * re-runs the interrupted step).</li>
 * <li>{@link #rollback} undoes what {@code run} did. When step {@code k} fails, the engine calls {@code rollback} on
 * step {@code k} itself first (its {@code run} may have done part of its work before throwing), then on steps
 * {@code k-1 .. 0} in reverse order. It is also called for the step that was running when a process died. So it must
 * tolerate a {@code run} that did not finish or never started, and it must be idempotent too (recovery may call it
 * again).</li>
 * <li>Record what rollback and later steps need with {@link JobContext#put}: the values are saved after every step and
 * are what a recovering node sees. Anything kept only in fields or locals is lost with the process.</li>
 * <li>A rollback that throws does not stop the others; the job then ends Failed (not RolledBack) with the original
 * error plus a note, for an administrator to look at.</li>
 * <li>Throw {@link io.nubis.driver.DriverException} or a {@link io.nubis.platform.NubisException} with a message meant
 * for people: it becomes the job's error as it is. Other exceptions are recorded as class name plus message.</li>
 * </ul>
 */
public interface Step {

    /** Short identifier shown as the job's current step, e.g. {@code connect}. */
    String name();

    void run(JobContext ctx) throws Exception;

    default void rollback(JobContext ctx) throws Exception {
    }

    /**
     * True when the step has nothing to do for this job, decided from the job's inputs alone ({@link JobContext#param})
     * so that every node decides the same: the engine then neither runs it nor records it as started (no progress
     * write, no log line). Its {@link #rollback} is still called on the way back, like that of a step that never
     * started.
     */
    default boolean skips(JobContext ctx) {
        return false;
    }

    /** Convenience factory for steps written as lambdas. */
    static Step of(String name, StepAction run, StepAction rollback) {
        return when(ctx -> true, name, run, rollback);
    }

    /**
     * A step that runs only when {@code needed} says so for the job (see {@link #skips}): e.g. the data volumes of a
     * create that asked for none.
     */
    static Step when(java.util.function.Predicate<JobContext> needed, String name, StepAction run,
            StepAction rollback) {
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

            @Override
            public boolean skips(JobContext ctx) {
                return !needed.test(ctx);
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
