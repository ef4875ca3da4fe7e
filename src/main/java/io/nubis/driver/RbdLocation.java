package io.nubis.driver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A place in a Ceph pool (issue 12), as Nubis names volumes and cached images there:
 * {@code rbd://USER@MON[:PORT][,MON[:PORT]...]/POOL[/FOLDER/FILE]}. The storage's root names the pool; a file below it
 * ({@code images/<id>.qcow2}, {@code volumes/<id>.raw}) is the RBD image {@code FOLDER-FILE} (RBD image names have no
 * folders). Every part is checked against a narrow pattern, since each reaches host commands (as its own argument) and
 * domain XML. The cephx key is never part of it: hosts keep it in a file and a libvirt secret named by
 * {@link #secretUuid()}, prepared when the storage is attached.
 *
 * @param user the cephx user without {@code client.}
 * @param monitors monitor addresses, each {@code host} or {@code host:port}
 * @param pool the pool
 * @param image the RBD image, or null for the pool itself
 */
public record RbdLocation(String user, List<Monitor> monitors, String pool, String image) {

    public static final String SCHEME = "rbd://";
    public static final int DEFAULT_PORT = 6789;
    public static final Pattern USER = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
    public static final Pattern POOL = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$");
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$");
    private static final Pattern HOST = Pattern.compile(
            "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");
    private static final int MAX_MONITORS = 9;

    /** A monitor: a DNS name or an IPv4 address, and its (v1) port. */
    public record Monitor(String host, int port) {

        @Override
        public String toString() {
            return port == DEFAULT_PORT ? host : host + ":" + port;
        }
    }

    public static boolean isRbd(String location) {
        return location != null && location.startsWith(SCHEME);
    }

    /**
     * Parses a location; throws {@link IllegalArgumentException} naming what is wrong. Below the pool there must be
     * nothing or exactly {@code FOLDER/FILE}.
     */
    public static RbdLocation parse(String location) {
        if (!isRbd(location) || location.length() > 600) {
            throw new IllegalArgumentException("not an rbd:// location: " + location);
        }
        String rest = location.substring(SCHEME.length());
        int at = rest.indexOf('@');
        int slash = rest.indexOf('/');
        if (at <= 0 || slash < at) {
            throw new IllegalArgumentException("an rbd:// location needs USER@MONITORS/POOL: " + location);
        }
        String user = rest.substring(0, at);
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("invalid Ceph user in " + location);
        }
        List<Monitor> monitors = monitors(rest.substring(at + 1, slash));
        String[] parts = rest.substring(slash + 1).split("/", -1);
        if (!(parts.length == 1 || parts.length == 3) || !POOL.matcher(parts[0]).matches()) {
            throw new IllegalArgumentException("an rbd:// location names a pool, optionally FOLDER/FILE: " + location);
        }
        String image = null;
        if (parts.length == 3) {
            if (!NAME.matcher(parts[1]).matches() || !NAME.matcher(parts[2]).matches()) {
                throw new IllegalArgumentException("invalid image name in " + location);
            }
            image = parts[1] + "-" + parts[2];
        }
        return new RbdLocation(user, monitors, parts[0], image);
    }

    /**
     * Monitors as an admin lists them: comma separated {@code host[:port]}; throws {@link IllegalArgumentException}.
     */
    public static List<Monitor> monitors(String list) {
        List<Monitor> out = new ArrayList<>();
        for (String m : list.split(",", -1)) {
            String s = m.trim();
            int colon = s.indexOf(':');
            String host = colon < 0 ? s : s.substring(0, colon);
            int port = DEFAULT_PORT;
            if (colon >= 0) {
                String p = s.substring(colon + 1);
                port = p.matches("^[0-9]{1,5}$") ? Integer.parseInt(p) : -1;
            }
            if (host.length() > 253 || !HOST.matcher(host).matches() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("invalid Ceph monitor: " + s);
            }
            out.add(new Monitor(host.toLowerCase(java.util.Locale.ROOT), port));
        }
        if (out.isEmpty() || out.size() > MAX_MONITORS) {
            throw new IllegalArgumentException("between 1 and " + MAX_MONITORS + " Ceph monitors");
        }
        return List.copyOf(out);
    }

    /** The pool's location (no image). */
    public static String root(String user, List<Monitor> monitors, String pool) {
        return SCHEME + user + "@" + String.join(",", monitors.stream().map(Monitor::toString).toList()) + "/"
                + pool;
    }

    /** The pool and image as rbd and libvirt name them: {@code POOL/IMAGE}. */
    public String spec() {
        return pool + "/" + image;
    }

    /**
     * The libvirt secret (and host key file) of this user on this cluster: the same on every host, so a migrated domain
     * finds it on the target.
     */
    public String secretUuid() {
        String id = user + "@" + String.join(",", monitors.stream().map(Monitor::toString).toList());
        return UUID.nameUUIDFromBytes(("nubis-ceph:" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Whether the other location is in the same Ceph cluster: the same monitors, in any order. */
    public boolean sameCluster(RbdLocation other) {
        return new java.util.HashSet<>(monitors).equals(new java.util.HashSet<>(other.monitors));
    }

    /** Monitors as ceph.conf's {@code mon_host} takes them. */
    public String monHost() {
        return String.join(",", monitors.stream().map(m -> m.host() + ":" + m.port()).toList());
    }
}
