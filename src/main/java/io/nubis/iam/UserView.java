package io.nubis.iam;

import java.time.Instant;
import java.util.List;

/** A user of an account as the API and pages show it; {@code groups} are group names. */
public record UserView(String id, String username, String email, String accountId, String accountName, String role,
        boolean disabled, List<String> groups, Instant lastSeenAt, Instant createdAt) {
}
