package io.nubis.iam;

/**
 * A user's role in its account. OWNER: the account's administrator, implicitly allowed everything on the account
 * (policies do not restrict it); MEMBER: only what its policies and its groups' policies allow.
 */
public enum UserRole {
    OWNER, MEMBER
}
