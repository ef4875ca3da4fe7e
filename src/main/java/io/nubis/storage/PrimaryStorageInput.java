package io.nubis.storage;

/**
 * Fields of a primary storage. Type {@code Local} (default): {@code path}, the absolute directory used on every host.
 * Type {@code NFS}: {@code url}, the export as {@code server:/path} or {@code nfs://server/path}.
 */
public record PrimaryStorageInput(String zoneId, String name, String description, String type, String path,
        String url) {

    public PrimaryStorageInput(String zoneId, String name, String description, String type, String path) {
        this(zoneId, name, description, type, path, null);
    }
}
