package io.nubis.compute;

/**
 * Fired synchronously, inside the deleting transaction, before a zone is deleted or its cascade delete is accepted.
 * Features that keep rows in a zone (L2 networks, ...) observe it and throw a {@link io.nubis.platform.NubisException}
 * (typically a 409) to refuse, so a zone is never deleted from under them.
 */
public record ZoneDeletion(String zoneId, String zoneName) {
}
