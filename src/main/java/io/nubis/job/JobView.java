package io.nubis.job;

import java.time.Instant;

/** A job as the API and the portal show it. */
public record JobView(String id, String type, String resourceType, String resourceId, String resourceName,
        String accountId, String user, JobState state, String step, int stepIndex, int stepCount, int percent,
        String error, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public boolean done() {
        return state.isFinal();
    }

    static JobView of(Job j) {
        return new JobView(j.id, j.type, j.resourceType, j.resourceId, j.resourceName, j.accountId, j.userName, j.state,
                j.stepName, j.stepIndex, j.stepCount, j.percent, j.error, j.createdAt, j.startedAt, j.finishedAt);
    }
}
