package io.nubis.iam;

import java.time.Instant;

/** An account as the API and pages show it. */
public record AccountView(String id, String name, String type, String state, String description, long users,
        Instant createdAt) {
}
