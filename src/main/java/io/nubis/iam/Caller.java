package io.nubis.iam;

/**
 * Who is acting: the user and the account it acts for. Every service method takes one, so the same checks apply to the
 * portal, the API and background jobs.
 */
public record Caller(String userId, String username, String accountId, String accountName, boolean admin) {

    /** The server itself (host pings, job recovery): acts with admin rights in the admin account. */
    public static Caller system() {
        return new Caller(null, "system", Account.ADMIN_ID, "admin", true);
    }

    /** True when the caller owns resources of {@code accountId} or is an admin. */
    public boolean canAccess(String ownerAccountId) {
        return admin || accountId.equals(ownerAccountId);
    }
}
