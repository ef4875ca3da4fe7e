package io.nubis.driver;

import java.time.Duration;
import java.util.List;

/**
 * Where a backup storage takes an imported image from (issue 6). Built by the storage feature from values it validated;
 * drivers enforce the confinement again on the server:
 *
 * <ul>
 * <li>{@link Kind#URL}: an http(s) URL the management server checked against its egress policy. The driver connects
 * only to {@code pinnedAddress} for the URL's host (when not null: the URL names a host, not an address), follows no
 * redirect (a 3xx is a failure), and stops at {@code maxBytes} and {@code maxTime}.</li>
 * <li>{@link Kind#PATH}: an absolute path on the storage server (admins only). The driver resolves it with every
 * symbolic link followed and copies it only when the resolved file is a regular file strictly inside one of
 * {@code allowedFolders} (each resolved too); otherwise it fails without copying.</li>
 * </ul>
 *
 * @param kind URL or PATH
 * @param location the URL, or the absolute path
 * @param host the URL's host as written (URL only)
 * @param port the URL's port, explicit or the scheme's default (URL only)
 * @param pinnedAddress the address to connect to for {@code host}, or null (URL only)
 * @param allowedFolders the folders a path must resolve into (PATH only)
 * @param maxBytes largest file accepted
 * @param maxTime longest the transfer may take
 */
public record ImportSource(Kind kind, String location, String host, int port, String pinnedAddress,
        List<String> allowedFolders, long maxBytes, Duration maxTime) {

    public enum Kind {
        URL, PATH
    }

    public static ImportSource url(String url, String host, int port, String pinnedAddress, long maxBytes,
            Duration maxTime) {
        return new ImportSource(Kind.URL, url, host, port, pinnedAddress, List.of(), maxBytes, maxTime);
    }

    public static ImportSource path(String path, List<String> allowedFolders, long maxBytes, Duration maxTime) {
        return new ImportSource(Kind.PATH, path, null, 0, null, List.copyOf(allowedFolders), maxBytes, maxTime);
    }
}
