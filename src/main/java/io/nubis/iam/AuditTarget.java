package io.nubis.iam;

/** What an audit event is about: type, id, display name and the account that owns it. */
public record AuditTarget(String type, String id, String name, String ownerAccountId) {

    public static AuditTarget of(String type, String id, String name, String ownerAccountId) {
        return new AuditTarget(type, id, name, ownerAccountId);
    }

    public static AuditTarget none() {
        return new AuditTarget(null, null, null, null);
    }
}
