package io.nubis.job;

/**
 * What a worker does with a job it owns: run steps forward from {@code fromIndex} (a fresh claim starts at 0, a resumed
 * job re-runs its interrupted step), or roll back from {@code fromIndex} down to 0 because of {@code cause}. A rollback
 * of {@code everyStep} starts at the workflow's last step whatever {@code fromIndex} says: the job's row may name an
 * earlier step than the one that ran (a workflow that records progress only now and then, see
 * {@link JobsConfig#progressInterval()}).
 */
record RunPlan(Kind kind, int fromIndex, boolean everyStep, String cause) {

    enum Kind {
        FORWARD, ROLLBACK
    }

    static RunPlan fresh() {
        return new RunPlan(Kind.FORWARD, 0, false, null);
    }

    static RunPlan resume(int stepIndex) {
        return new RunPlan(Kind.FORWARD, stepIndex, false, null);
    }

    static RunPlan rollback(int fromIndex, String cause) {
        return new RunPlan(Kind.ROLLBACK, fromIndex, false, cause);
    }

    /** Undo every step from the last down, {@code recordedIndex} being only what the job's row last said. */
    static RunPlan rollbackAll(int recordedIndex, String cause) {
        return new RunPlan(Kind.ROLLBACK, recordedIndex, true, cause);
    }

    /** The step a rollback starts from in a workflow of {@code steps} steps. */
    int rollbackTop(int steps) {
        return everyStep ? steps - 1 : Math.min(fromIndex, steps - 1);
    }
}
