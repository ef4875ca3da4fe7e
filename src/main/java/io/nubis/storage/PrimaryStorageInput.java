package io.nubis.storage;

/**
 * Fields of a primary storage. Type {@code Local} (default): {@code path}, the absolute directory used on every host.
 * Type {@code NFS}: {@code url}, the export as {@code server:/path} or {@code nfs://server/path}. Type {@code Ceph}:
 * {@code monitors} ({@code host[:port]}, comma separated), {@code pool}, {@code cephUser} (without {@code client.}) and
 * {@code cephKey} (the user's base64 cephx key; stored sealed, never shown again). Type {@code iSCSI}: {@code portal}
 * ({@code host[:port]}) and {@code iqn}, the target whose LUNs become volumes.
 */
public record PrimaryStorageInput(String zoneId, String name, String description, String type, String path,
        String url, String monitors, String pool, String cephUser, String cephKey, String portal, String iqn) {

    public PrimaryStorageInput(String zoneId, String name, String description, String type, String path,
            String url, String monitors, String pool, String cephUser, String cephKey) {
        this(zoneId, name, description, type, path, url, monitors, pool, cephUser, cephKey, null, null);
    }

    public PrimaryStorageInput(String zoneId, String name, String description, String type, String path) {
        this(zoneId, name, description, type, path, null, null, null, null, null);
    }

    public PrimaryStorageInput(String zoneId, String name, String description, String type, String path,
            String url) {
        this(zoneId, name, description, type, path, url, null, null, null, null);
    }

    /** The same form without the key (re-rendered forms never carry it back). */
    public PrimaryStorageInput withoutKey() {
        return new PrimaryStorageInput(zoneId, name, description, type, path, url, monitors, pool, cephUser, null,
                portal, iqn);
    }
}
