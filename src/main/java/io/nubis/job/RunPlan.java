package io.nubis.job;

/**
 * What a worker does with a job it owns: run steps forward from {@code fromIndex} (a fresh claim starts at 0, a resumed
 * job re-runs its interrupted step), or roll back from {@code fromIndex} down to 0 because of {@code cause}.
 */
record RunPlan(Kind kind, int fromIndex, String cause) {

    enum Kind {
        FORWARD, ROLLBACK
    }

    static RunPlan fresh() {
        return new RunPlan(Kind.FORWARD, 0, null);
    }

    static RunPlan resume(int stepIndex) {
        return new RunPlan(Kind.FORWARD, stepIndex, null);
    }

    static RunPlan rollback(int fromIndex, String cause) {
        return new RunPlan(Kind.ROLLBACK, fromIndex, cause);
    }
}
