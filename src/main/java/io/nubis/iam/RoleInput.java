package io.nubis.iam;

/** A user's new role: OWNER or MEMBER. */
public record RoleInput(String role) {
}
