package io.nubis.iam;

/**
 * Who is acting: the user and the account it acts for. Every service method takes one, so the same checks apply to the
 * portal, the API and background jobs. {@code member} is true for a user with the MEMBER role (issue 9): its policies
 * restrict what it may do ({@link io.nubis.iam.api.ActionFilter}) and it never manages the account's users, groups or
 * policies. Owners, the admin account's owners and the server itself are not restricted by policies.
 */
public record Caller(String userId, String username, String accountId, String accountName, boolean admin,
        boolean member) {

    /** A caller with its account's full rights (an owner, or a job acting for one). */
    public Caller(String userId, String username, String accountId, String accountName, boolean admin) {
        this(userId, username, accountId, accountName, admin, false);
    }

    /** The server itself (host pings, job recovery): acts with admin rights in the admin account. */
    public static Caller system() {
        return new Caller(null, "system", Account.ADMIN_ID, "admin", true);
    }

    /** True when the caller owns resources of {@code ownerAccountId} or is an admin. */
    public boolean canAccess(String ownerAccountId) {
        return admin || accountId.equals(ownerAccountId);
    }
}
