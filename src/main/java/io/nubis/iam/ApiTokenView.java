package io.nubis.iam;

import java.time.Instant;

/** A token as listed: never its value, only its first characters. */
public record ApiTokenView(String id, String name, String prefix, Instant expiresAt, Instant createdAt) {
}
