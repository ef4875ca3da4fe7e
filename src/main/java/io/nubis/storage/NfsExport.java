package io.nubis.storage;

import java.util.regex.Pattern;

/**
 * An NFS export as an admin gives it: {@code server:/path} or {@code nfs://server/path}. The server is a DNS name or an
 * IPv4 address, the path as {@link StoragePaths#valid}: both reach host commands (as separate arguments) and domain
 * XML, so nothing else is accepted.
 */
record NfsExport(String server, String path) {

    private static final Pattern HOST_NAME = Pattern
            .compile(
                    "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");

    /** The export, or null when {@code url} is not one. */
    static NfsExport parse(String url) {
        if (url == null) {
            return null;
        }
        String u = url.trim();
        String server;
        String path;
        if (u.startsWith("nfs://")) {
            int slash = u.indexOf('/', 6);
            if (slash < 0) {
                return null;
            }
            server = u.substring(6, slash);
            path = u.substring(slash);
        } else {
            int colon = u.indexOf(':');
            if (colon < 0) {
                return null;
            }
            server = u.substring(0, colon);
            path = u.substring(colon + 1);
        }
        path = StoragePaths.normalize(path);
        if (server.length() > 253 || !HOST_NAME.matcher(server).matches() || !StoragePaths.valid(path)) {
            return null;
        }
        return new NfsExport(server.toLowerCase(java.util.Locale.ROOT), path);
    }
}
