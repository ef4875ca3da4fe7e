package io.nubis.storage;

/** A name and an optional description: a new snapshot, or a new volume made from one. */
public record SnapshotInput(String name, String description) {
}
