package io.nubis.iam;

/**
 * Optional filters of the audit list; null fields do not filter. {@code action} matches as a prefix; {@code account} is
 * an account name (the acting account or the target's); {@code targetType} a resource type such as {@code vm}.
 */
public record AuditFilter(String action, String targetId, String user, AuditResult result, String account,
        String targetType) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null, null);
    }
}
