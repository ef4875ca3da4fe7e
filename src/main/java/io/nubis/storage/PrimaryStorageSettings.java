package io.nubis.storage;

/**
 * What an admin changes on a primary storage (issue 12): {@code state} {@code Enabled} or {@code Disabled} (no new
 * volumes), {@code overprovisioningRatio} 1 to 10. A null field keeps its value.
 */
public record PrimaryStorageSettings(String state, Double overprovisioningRatio) {
}
