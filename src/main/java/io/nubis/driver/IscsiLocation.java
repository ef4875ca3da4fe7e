package io.nubis.driver;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A LUN of an iSCSI target (issue 12), as Nubis names iSCSI primary storage and its volumes:
 * {@code iscsi://HOST[:PORT]/IQN} for the storage (the target at its portal) and {@code iscsi://HOST[:PORT]/IQN/LUN}
 * for a volume, which is one whole LUN. Every part is checked against a narrow pattern, since each reaches host
 * commands (as its own argument, in the URL qemu and libiscsi read) and domain XML.
 *
 * @param host the portal's DNS name or IPv4 address
 * @param port the portal's TCP port
 * @param iqn the target's name ({@code iqn.YYYY-MM.reversed.domain[:suffix]} or {@code eui.} + 16 hex digits)
 * @param lun the logical unit, or -1 for the target itself
 */
public record IscsiLocation(String host, int port, String iqn, int lun) {

    public static final String SCHEME = "iscsi://";
    public static final int DEFAULT_PORT = 3260;
    /** LUNs as SAM addresses them without the extended format (0-16383). */
    public static final int MAX_LUN = 16383;
    public static final Pattern IQN = Pattern
            .compile("^(?:iqn\\.[0-9]{4}-[0-9]{2}\\.[a-z0-9](?:[a-z0-9.-]{0,180}[a-z0-9])?(?::[A-Za-z0-9._:-]{1,60})?"
                    + "|eui\\.[0-9A-Fa-f]{16})$");
    private static final Pattern HOST = Pattern.compile(
            "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");

    public IscsiLocation {
        if (host == null || host.length() > 253 || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("an iSCSI portal must be a DNS name or an IPv4 address: " + host);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("an iSCSI portal port must be 1-65535: " + port);
        }
        if (iqn == null || !IQN.matcher(iqn).matches()) {
            throw new IllegalArgumentException("not an iSCSI qualified name (iqn.YYYY-MM.domain[:name]): " + iqn);
        }
        if (lun < -1 || lun > MAX_LUN) {
            throw new IllegalArgumentException("an iSCSI LUN must be 0-" + MAX_LUN + ": " + lun);
        }
    }

    public static boolean isIscsi(String location) {
        return location != null && location.startsWith(SCHEME);
    }

    /** Parses a storage's ({@code .../IQN}) or a volume's ({@code .../IQN/LUN}) location. */
    public static IscsiLocation parse(String location) {
        if (!isIscsi(location) || location.length() > 400) {
            throw new IllegalArgumentException("not an iscsi:// location: " + location);
        }
        String rest = location.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("an iscsi:// location needs PORTAL/IQN: " + location);
        }
        Portal portal = portal(rest.substring(0, slash));
        String[] parts = rest.substring(slash + 1).split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("an iscsi:// location is PORTAL/IQN[/LUN]: " + location);
        }
        int lun = -1;
        if (parts.length == 2) {
            if (!parts[1].matches("^[0-9]{1,5}$")) {
                throw new IllegalArgumentException("an iSCSI LUN must be a number: " + location);
            }
            lun = Integer.parseInt(parts[1]);
        }
        return new IscsiLocation(portal.host(), portal.port(), parts[0], lun);
    }

    /**
     * A portal {@code host[:port]} as an admin gives it; throws {@link IllegalArgumentException} when it is not one.
     */
    public static Portal portal(String text) {
        String p = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        int colon = p.lastIndexOf(':');
        int port = DEFAULT_PORT;
        String host = p;
        if (colon >= 0) {
            String digits = p.substring(colon + 1);
            if (!digits.matches("^[0-9]{1,5}$")) {
                throw new IllegalArgumentException("bad port in " + text);
            }
            port = Integer.parseInt(digits);
            host = p.substring(0, colon);
        }
        new IscsiLocation(host, port, "iqn.2000-01.check", -1); // checks host and port
        return new Portal(host, port);
    }

    /** A target portal. */
    public record Portal(String host, int port) {

        @Override
        public String toString() {
            return port == DEFAULT_PORT ? host : host + ":" + port;
        }
    }

    /** The storage root {@code iscsi://portal/iqn}. */
    public static String root(Portal portal, String iqn) {
        return new IscsiLocation(portal.host(), portal.port(), iqn, -1).toString();
    }

    /** The location of one of the target's LUNs. */
    public IscsiLocation withLun(int number) {
        return new IscsiLocation(host, port, iqn, number);
    }

    /** The URL qemu and libiscsi open ({@code iscsi://host:port/iqn/lun}). */
    public String url() {
        return SCHEME + host + ":" + port + "/" + iqn + (lun < 0 ? "/" : "/" + lun);
    }

    /** libvirt's {@code <source protocol='iscsi' name=...>}: {@code iqn/lun}. */
    public String sourceName() {
        if (lun < 0) {
            throw new IllegalStateException("the target itself is not a disk: " + this);
        }
        return iqn + "/" + lun;
    }

    @Override
    public String toString() {
        return SCHEME + new Portal(host, port) + "/" + iqn + (lun < 0 ? "" : "/" + lun);
    }
}
