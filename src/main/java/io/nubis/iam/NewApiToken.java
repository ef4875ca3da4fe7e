package io.nubis.iam;

import java.time.Instant;

/** A token just created: the only time its value is shown. */
public record NewApiToken(String id, String name, String token, Instant expiresAt) {
}
