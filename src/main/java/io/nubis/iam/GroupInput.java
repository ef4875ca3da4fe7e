package io.nubis.iam;

/** A new group: name (unique in the account) and description. */
public record GroupInput(String name, String description) {
}
