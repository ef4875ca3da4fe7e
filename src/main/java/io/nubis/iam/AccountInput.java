package io.nubis.iam;

/** Create: name and description; update: the description only (the name is the account's Keycloak group). */
public record AccountInput(String name, String description) {
}
