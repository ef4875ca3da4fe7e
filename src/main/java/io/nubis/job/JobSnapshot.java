package io.nubis.job;

import io.nubis.iam.Caller;
import java.time.Instant;
import java.util.Map;

/**
 * An immutable copy of a job row, read in a short transaction, that the engine works from while steps run outside any
 * transaction. Never written back as a whole: progress goes through {@link JobStore}'s lease-guarded updates.
 */
record JobSnapshot(String id, String type, String resourceType, String resourceId, String resourceName,
        String accountId, Caller caller, JobState state, String stepName, int stepIndex, int attempts, String error,
        String publicError, Map<String, String> params, Map<String, String> context, String leaseOwner,
        Instant leaseUntil) {
}
