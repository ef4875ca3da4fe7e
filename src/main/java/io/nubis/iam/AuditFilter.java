package io.nubis.iam;

/** Optional filters of the audit list; null fields do not filter. {@code action} matches as a prefix. */
public record AuditFilter(String action, String targetId, String user, AuditResult result) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null);
    }
}
