package io.nubis.iam;

/**
 * A new user: user name, e-mail, first and last name (Keycloak's user profile needs them before the user can log in, as
 * CloudStack asks for them), password (to be changed at first login when {@code temporaryPassword}), role OWNER or
 * MEMBER (default MEMBER).
 */
public record UserInput(String username, String email, String firstName, String lastName, String password,
        Boolean temporaryPassword, String role) {
}
