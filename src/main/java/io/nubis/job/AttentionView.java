package io.nubis.job;

import java.time.Instant;

/** An entry of the needs-attention list on the wire (admins only: {@code error} is the technical detail). */
public record AttentionView(String id, String jobId, String jobType, String resourceType, String resourceId,
        String resourceName, String accountId, AttentionState state, String error, int retries, Instant createdAt,
        Instant updatedAt, Instant closedAt, String closedBy) {

    static AttentionView of(AttentionItem a) {
        return new AttentionView(a.id, a.jobId, a.jobType, a.resourceType, a.resourceId, a.resourceName, a.accountId,
                a.state, a.error, a.retries, a.createdAt, a.updatedAt, a.closedAt, a.closedBy);
    }
}
