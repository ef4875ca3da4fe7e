package io.nubis.storage;

/** Fields of a primary storage. Type: {@code Local}. Path: the absolute directory used on every host. */
public record PrimaryStorageInput(String zoneId, String name, String description, String type, String path) {
}
