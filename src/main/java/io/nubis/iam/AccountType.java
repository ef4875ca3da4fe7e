package io.nubis.iam;

/** The admin account's users administer the whole cloud; normal accounts are tenants. */
public enum AccountType {
    ADMIN, NORMAL
}
