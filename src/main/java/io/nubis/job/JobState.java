package io.nubis.job;

/**
 * Life of a job. Pending until a worker claims it; Running while steps run forward; RollingBack while completed steps
 * are undone after a failure. Final: Succeeded, RolledBack (failed, everything undone, error kept) or Failed (failed
 * and a rollback step failed too: needs an admin's look). Constants are spelled as the API and the database show them.
 */
public enum JobState {

    Pending, Running, RollingBack, Succeeded, RolledBack, Failed;

    public boolean isFinal() {
        return this == Succeeded || this == RolledBack || this == Failed;
    }
}
