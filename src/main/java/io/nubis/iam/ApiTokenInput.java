package io.nubis.iam;

/** A new token: a name and its lifetime in days (1 to 365, default 90). */
public record ApiTokenInput(String name, Integer expiresInDays) {
}
