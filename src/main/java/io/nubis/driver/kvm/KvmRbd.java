package io.nubis.driver.kvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.RbdLocation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RBD images of a Ceph pool reached from a KVM host (issue 12) through librbd: the {@code rbd} and {@code ceph}
 * commands (Debian's ceph-common) and qemu's rbd driver (qemu-block-extra). The host never maps an image (no kernel
 * rbd).
 *
 * <p>
 * Access: when the storage is attached, {@link #prepare} writes the cephx key to
 * {@code /var/lib/nubis/ceph/<secret uuid>.key} (mode 0600, base64, what ceph's {@code keyfile} option reads), a
 * {@code ceph.conf} beside it naming the monitors, the key file and short client timeouts (a command against a dead
 * cluster fails within seconds instead of waiting for ever), and a private libvirt secret of that uuid holding the key,
 * which domain XML names ({@code <auth>}). The uuid follows the user and monitors ({@link RbdLocation#secretUuid}), so
 * it is the same on every host and a migrated domain finds it on its target. The key never appears on a command line.
 *
 * <p>
 * Cached images are imported as raw, get a protected snapshot {@value #BASE} and only then their final name (the rename
 * is the commit); root volumes are clones of that snapshot (copy on write), data volumes plain raw images.
 */
final class KvmRbd {

    static final String DIR = "/var/lib/nubis/ceph";
    static final String BASE = "nubis-base";
    private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9+/]{16,200}={0,2}$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRITE_FILE = "umask 077 && mkdir -p \"$1\" && cat > \"$2.tmp\" && mv -f \"$2.tmp\" \"$2\"";

    private KvmRbd() {
    }

    static String conf(RbdLocation l) {
        return DIR + "/" + l.secretUuid() + ".conf";
    }

    static String keyFile(RbdLocation l) {
        return DIR + "/" + l.secretUuid() + ".key";
    }

    /** The image as qemu-img names it (the cephx user and the host's conf for this cluster). */
    static String qemu(RbdLocation l) {
        return "rbd:" + l.spec() + ":id=" + l.user() + ":conf=" + conf(l);
    }

    /**
     * Makes the pool reachable from the host with {@code key} (key file, conf, libvirt secret) and returns
     * {@code [total, available]} bytes of the pool: what it stores plus what it may still take.
     */
    static long[] prepare(SshPool ssh, Virsh virsh, HostEndpoint ep, String root, String key) throws DriverException {
        RbdLocation l = writeAccess(ssh, ep, root, key);
        String secretXml = DIR + "/" + l.secretUuid() + ".secret.xml";
        write(ep, ssh, secretXml, "<secret ephemeral='no' private='yes'><uuid>" + l.secretUuid()
                + "</uuid><usage type='ceph'><name>nubis " + l.secretUuid() + "</name></usage></secret>\n");
        virsh.require(ep, "defining the libvirt secret of Ceph user " + l.user(), "secret-define", secretXml);
        virsh.require(ep, "storing the Ceph key in libvirt", "secret-set-value", "--secret", l.secretUuid(),
                "--file", keyFile(l));
        return capacity(ssh, ep, l);
    }

    /**
     * Removes what {@link #prepare} left on the host: the libvirt secret, and the key file and conf unless
     * {@code keepKeyFile} (a Ceph backup storage gateway on the host reads them). Idempotent.
     */
    static void forget(SshPool ssh, Virsh virsh, HostEndpoint ep, String root, boolean keepKeyFile)
            throws DriverException {
        RbdLocation l = parse(root);
        ExecResult r = virsh.exec(ep, Duration.ofSeconds(30), "secret-undefine", l.secretUuid());
        if (!r.ok() && !(r.stderr() + r.stdout()).contains("not found")
                && !(r.stderr() + r.stdout()).contains("no secret with matching uuid")) {
            throw new DriverException("removing the libvirt secret " + l.secretUuid() + " on " + ep.address()
                    + " failed: " + r.describe());
        }
        KvmCommands.remove(ssh, ep, DIR + "/" + l.secretUuid() + ".secret.xml");
        if (!keepKeyFile) {
            KvmCommands.remove(ssh, ep, keyFile(l), conf(l));
        }
    }

    /** Writes the key file and the conf for the pool's user and cluster (no libvirt secret); returns the pool. */
    static RbdLocation writeAccess(SshPool ssh, HostEndpoint ep, String root, String key) throws DriverException {
        RbdLocation l = parse(root);
        if (key == null || !KEY.matcher(key.strip()).matches()) {
            throw new DriverException("the Ceph key of " + l.user() + " is not a base64 cephx key");
        }
        write(ep, ssh, keyFile(l), key.strip());
        write(ep, ssh, conf(l), "[global]\nmon_host = " + l.monHost() + "\nkeyfile = " + keyFile(l)
                + "\nclient_mount_timeout = 10\nrados_mon_op_timeout = 15\nrados_osd_op_timeout = 60\n");
        return l;
    }

    /** {@code [total, available]} bytes of the pool: what it stores plus what it may still take. */
    static long[] capacity(SshPool ssh, HostEndpoint ep, RbdLocation l) throws DriverException {
        ExecResult r = ssh.exec(ep, RemoteCommand.of("ceph", "-c", conf(l), "--id", l.user(), "df", "--format",
                "json").withTimeout(Duration.ofSeconds(30)));
        if (!r.ok()) {
            throw new DriverException("the Ceph cluster " + l.monHost() + " did not answer host " + ep.address()
                    + " as " + l.user() + ": " + problem(r));
        }
        try {
            for (JsonNode p : JSON.readTree(r.stdout()).path("pools")) {
                if (l.pool().equals(p.path("name").asText())) {
                    long stored = p.path("stats").path("stored").asLong(0);
                    long free = p.path("stats").path("max_avail").asLong(0);
                    return new long[]{stored + free, free};
                }
            }
        } catch (java.io.IOException e) {
            throw new DriverException("unreadable answer of ceph df on " + ep.address() + ": " + e.getMessage(), e);
        }
        throw new DriverException("the Ceph cluster " + l.monHost() + " has no pool " + l.pool() + " (or "
                + l.user() + " may not see it)");
    }

    static boolean exists(SshPool ssh, HostEndpoint ep, String location) throws DriverException {
        RbdLocation l = image(location);
        ExecResult r = ssh.exec(ep, rbd(l, "info", l.spec()));
        if (r.ok()) {
            return true;
        }
        if (r.stderr().contains("No such file or directory")) {
            return false;
        }
        throw new DriverException("looking for " + l.spec() + " on Ceph from " + ep.address() + " failed: "
                + problem(r));
    }

    /** Deletes images with their snapshots (unprotecting them first); missing ones are success. */
    static void remove(SshPool ssh, HostEndpoint ep, String location) throws DriverException {
        RbdLocation l = image(location);
        if (!exists(ssh, ep, location)) {
            return;
        }
        for (JsonNode s : snapList(ssh, ep, l)) {
            String name = s.path("name").asText();
            if (!name.isEmpty() && "true".equals(s.path("protected").asText())) {
                check(ssh, ep, "unprotecting " + l.spec() + "@" + name,
                        rbd(l, "snap", "unprotect", l.spec() + "@" + name));
            }
        }
        check(ssh, ep, "removing the snapshots of " + l.spec(), rbd(l, "snap", "purge", "--no-progress", l.spec()));
        check(ssh, ep, "removing " + l.spec(), rbd(l, "rm", "--no-progress", l.spec()));
    }

    static void rename(SshPool ssh, HostEndpoint ep, String from, String to) throws DriverException {
        RbdLocation a = image(from);
        RbdLocation b = image(to);
        check(ssh, ep, "renaming " + a.spec(), rbd(a, "rename", a.spec(), b.spec()));
    }

    /**
     * Imports a checked image file of the host into the pool as raw ({@code location}.part), snapshots and protects it,
     * then gives it its name.
     */
    static void importImage(SshPool ssh, HostEndpoint ep, String file, String format, String location,
            Duration timeout) throws DriverException {
        viaPart(ssh, ep, location, true, part -> KvmCommands.check(ssh, ep, "importing the image into Ceph",
                RemoteCommand.of("qemu-img", "convert", "-f", format, "-O", "raw", file, qemu(part))
                        .withTimeout(timeout)));
    }

    /**
     * Imports a checked file of the host byte for byte into the pool ({@code rbd import}, so {@code rbd export} gives
     * the same bytes back) as {@code location}.part, snapshots and protects it, then gives it its name.
     */
    static void importFile(SshPool ssh, HostEndpoint ep, String file, String location) throws DriverException {
        viaPart(ssh, ep, location, true, part -> check(ssh, ep, "importing into " + part.spec(),
                rbd(part, "import", "--no-progress", file, part.spec()).withTimeout(Duration.ofHours(2))));
    }

    /**
     * Makes {@code location} a clone of another pool's image (an image of Ceph backup storage, its {@value #BASE}
     * snapshot), with its own protected snapshot, as {@link #importImage} does. The host's user for {@code location}
     * must be allowed to read {@code parent}'s pool.
     */
    static void cloneImage(SshPool ssh, HostEndpoint ep, String parent, String location) throws DriverException {
        RbdLocation from = image(parent);
        viaPart(ssh, ep, location, true, part -> check(ssh, ep, "cloning " + from.spec(),
                rbd(part, "clone", from.spec() + "@" + BASE, part.spec())));
    }

    /** Streams out an image's bytes into a file of the host ({@code rbd export}). */
    static void exportFile(SshPool ssh, HostEndpoint ep, String location, String file) throws DriverException {
        RbdLocation l = image(location);
        check(ssh, ep, "exporting " + l.spec(), rbd(l, "export", "--no-progress", l.spec(), file)
                .withTimeout(Duration.ofHours(2)));
    }

    /** Makes an image's content at {@code part}. */
    private interface Fill {

        void into(RbdLocation part) throws DriverException;
    }

    /**
     * Makes {@code location} through {@code location.part} (removed first: a crash may have left it): fills it, with
     * {@code base} snapshots and protects it as {@value #BASE} (what clones are made from), then gives it its name (the
     * commit). On failure the part goes.
     */
    private static void viaPart(SshPool ssh, HostEndpoint ep, String location, boolean base, Fill fill)
            throws DriverException {
        RbdLocation part = image(location + KvmStorageDriver.PART);
        remove(ssh, ep, location + KvmStorageDriver.PART);
        try {
            fill.into(part);
            if (base) {
                check(ssh, ep, "snapshotting " + part.spec(), rbd(part, "snap", "create", part.spec() + "@" + BASE));
                check(ssh, ep, "protecting " + part.spec(), rbd(part, "snap", "protect", part.spec() + "@" + BASE));
            }
            rename(ssh, ep, location + KvmStorageDriver.PART, location);
        } catch (DriverException | RuntimeException e) {
            removeQuietly(ssh, ep, location + KvmStorageDriver.PART);
            throw e;
        }
    }

    /** Makes {@code volume} a copy-on-write clone of the cached image's protected snapshot. */
    static void clone(SshPool ssh, HostEndpoint ep, String cache, String volume) throws DriverException {
        RbdLocation c = image(cache);
        RbdLocation v = image(volume);
        check(ssh, ep, "cloning " + c.spec() + " to " + v.spec(), rbd(v, "clone", c.spec() + "@" + BASE, v.spec()));
    }

    /** Whether the image is a clone of the cached image (its parent snapshot). */
    static boolean isCloneOf(SshPool ssh, HostEndpoint ep, String volume, String cache) throws DriverException {
        RbdLocation v = image(volume);
        RbdLocation c = image(cache);
        ExecResult r = check(ssh, ep, "reading " + v.spec(), rbd(v, "info", "--format", "json", v.spec()));
        try {
            JsonNode p = JSON.readTree(r.stdout()).path("parent");
            return c.pool().equals(p.path("pool").asText()) && c.image().equals(p.path("image").asText());
        } catch (java.io.IOException e) {
            throw new DriverException("unreadable rbd info of " + v.spec() + ": " + e.getMessage(), e);
        }
    }

    /** The names of an image's snapshots. */
    static List<String> snapshots(SshPool ssh, HostEndpoint ep, String location) throws DriverException {
        List<String> names = new ArrayList<>();
        snapList(ssh, ep, image(location)).forEach(s -> names.add(s.path("name").asText()));
        return names;
    }

    /** {@code rbd snap ls} as JSON: one object per snapshot ({@code name}, {@code protected}, ...). */
    private static JsonNode snapList(SshPool ssh, HostEndpoint ep, RbdLocation l) throws DriverException {
        ExecResult r = check(ssh, ep, "listing the snapshots of " + l.spec(),
                rbd(l, "snap", "ls", "--format", "json", l.spec()));
        try {
            return JSON.readTree(r.stdout());
        } catch (java.io.IOException e) {
            throw new DriverException("unreadable snapshot list of " + l.spec() + ": " + e.getMessage(), e);
        }
    }

    static void snapCreate(SshPool ssh, HostEndpoint ep, String location, String tag) throws DriverException {
        RbdLocation l = image(location);
        check(ssh, ep, "snapshotting " + l.spec(), rbd(l, "snap", "create", l.spec() + "@" + tag));
    }

    static void snapRemove(SshPool ssh, HostEndpoint ep, String location, String tag) throws DriverException {
        RbdLocation l = image(location);
        check(ssh, ep, "deleting the snapshot " + tag + " of " + l.spec(),
                rbd(l, "snap", "rm", "--no-progress", l.spec() + "@" + tag));
    }

    /** Rolls the image back to its snapshot (content and size); its VM must be stopped. */
    static void rollback(SshPool ssh, HostEndpoint ep, String location, String tag) throws DriverException {
        RbdLocation l = image(location);
        check(ssh, ep, "reverting " + l.spec() + " to " + tag,
                rbd(l, "snap", "rollback", "--no-progress", l.spec() + "@" + tag).withTimeout(Duration.ofHours(1)));
    }

    /** An image as a raw volume ({@code qemu-img info}: its virtual size). */
    static io.nubis.driver.VolumeInfo volumeInfo(SshPool ssh, HostEndpoint ep, String location)
            throws DriverException {
        QemuImg.Info info = QemuImg.info(ssh, ep, qemu(image(location)), "raw");
        return new io.nubis.driver.VolumeInfo(location, "raw", info.virtualSize(), info.actualSize());
    }

    /**
     * Copies an image's snapshot (or, {@code tag} null, its current state) into a new standalone image of the pool
     * ({@code rbd cp}: no parent), as {@code .part} then renamed. An existing target is a finished copy.
     */
    static void copy(SshPool ssh, HostEndpoint ep, String location, String tag, String target)
            throws DriverException {
        if (exists(ssh, ep, target)) {
            return;
        }
        RbdLocation l = image(location);
        viaPart(ssh, ep, target, false, part -> check(ssh, ep, "copying " + l.spec(), rbd(l, "cp", "--no-progress",
                tag == null ? l.spec() : l.spec() + "@" + tag, part.spec()).withTimeout(Duration.ofHours(2))));
    }

    static void removeQuietly(SshPool ssh, HostEndpoint ep, String location) {
        try {
            remove(ssh, ep, location);
        } catch (DriverException | RuntimeException ignored) {
            // the caller reports the failure that made it clean up
        }
    }

    static RbdLocation image(String location) throws DriverException {
        RbdLocation l = parse(location);
        if (l.image() == null) {
            throw new DriverException("refusing the Ceph location " + location + ": it names no image");
        }
        return l;
    }

    private static RbdLocation parse(String location) throws DriverException {
        try {
            return RbdLocation.parse(location);
        } catch (IllegalArgumentException e) {
            throw new DriverException("refusing the Ceph location: " + e.getMessage());
        }
    }

    private static RemoteCommand rbd(RbdLocation l, String... args) {
        List<String> argv = new ArrayList<>(List.of("rbd", "-c", conf(l), "--id", l.user()));
        argv.addAll(List.of(args));
        return RemoteCommand.of(argv).withTimeout(Duration.ofSeconds(60));
    }

    private static ExecResult check(SshPool ssh, HostEndpoint ep, String what, RemoteCommand cmd)
            throws DriverException {
        ExecResult r = ssh.exec(ep, cmd);
        if (!r.ok()) {
            throw new DriverException(what + " on host " + ep.address() + " failed: " + problem(r));
        }
        return r;
    }

    private static void write(HostEndpoint ep, SshPool ssh, String file, String content) throws DriverException {
        String dir = file.substring(0, file.lastIndexOf('/'));
        KvmCommands.check(ssh, ep, "writing " + file, new RemoteCommand(
                List.of("sh", "-c", WRITE_FILE, "nubis-ceph", dir, file), content.getBytes(StandardCharsets.UTF_8),
                null));
    }

    /** The last lines of what the command said, without progress output. */
    static String problem(ExecResult r) {
        String err = r.stderr().replaceAll("[^\\n]*% complete[^\\n]*", "").strip();
        String[] lines = err.split("\n");
        String last = String.join(" / ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 2),
                lines.length));
        return last.isBlank() ? "exit " + r.exitCode() : last;
    }
}
