package io.nubis.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.nubis.iam.Caller;
import java.time.Instant;

/**
 * A job as the API and the portal show it to one caller. Built only by {@link #of(Job, Caller)}, so the caller decides
 * what {@code error} holds: an admin reads the technical detail (addresses, paths, commands, rollback notes); anyone
 * else, the account owner included, reads {@link PublicJobError}'s text for people, with the reference support uses.
 *
 * @param error the failure as this caller may read it (English); null while the job has not failed
 * @param errorReference the reference of a failure (the job id, the same for admins and tenants); null without one
 * @param publicError the tenant's view of the failure, for the portal to render in the reader's language; null for
 *     admins and when there is no failure
 */
public record JobView(String id, String type, String resourceType, String resourceId, String resourceName,
        String accountId, String user, JobState state, String step, int stepIndex, int stepCount, int percent,
        String error, String errorReference, Instant createdAt, Instant startedAt, Instant finishedAt,
        @JsonIgnore PublicJobError publicError) {

    public boolean done() {
        return state.isFinal();
    }

    static JobView of(Job j, Caller caller) {
        boolean failed = j.error != null;
        PublicJobError forTenant = failed && !caller.admin() ? PublicJobError.of(j.publicError, j.state, j.id) : null;
        String error = forTenant == null ? j.error : forTenant.english();
        return new JobView(j.id, j.type, j.resourceType, j.resourceId, j.resourceName, j.accountId, j.userName, j.state,
                j.stepName, j.stepIndex, j.stepCount, j.percent, error, failed ? j.id : null, j.createdAt,
                j.startedAt, j.finishedAt, forTenant);
    }
}
