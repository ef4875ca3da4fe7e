package io.nubis.iam;

/**
 * The answer of a policy check: allowed or not, and why: {@code admin}, {@code owner}, {@code allow}/{@code deny} with
 * the deciding policy's name, or {@code implicit-deny} when no statement speaks of the action.
 */
public record Decision(boolean allowed, String reason, String policy) {

    public static final String ADMIN = "admin";
    public static final String OWNER = "owner";
    public static final String EXPLICIT_ALLOW = "allow";
    public static final String EXPLICIT_DENY = "deny";
    public static final String IMPLICIT_DENY = "implicit-deny";
}
