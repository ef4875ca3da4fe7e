package io.nubis.iam;

/** A new password for a user; {@code temporary}: to be changed at the next login. */
public record PasswordInput(String password, Boolean temporary) {
}
