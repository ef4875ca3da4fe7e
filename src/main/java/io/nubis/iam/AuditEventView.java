package io.nubis.iam;

import java.time.Instant;

/** An audit event as the API and the portal show it. */
public record AuditEventView(long id, Instant at, String accountId, String accountName, String user, String action,
        String targetType, String targetId, String targetName, AuditResult result, String detail, String jobId) {

    static AuditEventView of(AuditEvent e) {
        return new AuditEventView(e.id, e.at, e.accountId, e.accountName, e.userName, e.action, e.targetType,
                e.targetId, e.targetName, e.result, e.detail, e.jobId);
    }
}
