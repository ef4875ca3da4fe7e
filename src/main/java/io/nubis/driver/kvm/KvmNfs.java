package io.nubis.driver.kvm;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Files on an NFS export reached from a KVM host in <b>network mode</b> (issue 12): without mounting it, through
 * libnfs. qemu and libvirt open volumes as {@code nfs://server/path} themselves (qemu's nfs block driver, libvirt
 * {@code <disk type='network'><source protocol='nfs'>}); the few file operations qemu-img does not offer (make the
 * folders, the capacity, test, delete, rename, checksum, copy a file in) are a short Python program calling libnfs
 * ({@code libnfs.so.13}, Debian's libnfs13) through ctypes, run on the host with {@code python3 -c}.
 *
 * <p>
 * Host packages: {@code qemu-block-extra} (qemu's nfs driver), {@code libnfs13} (which it pulls in) and
 * {@code python3}. Every location is checked here before it reaches a command ({@link #parse}): a server name or IPv4
 * address and an absolute path of {@code A-Z a-z 0-9 . _ / -}, without {@code ..}; each value is its own argument.
 */
final class KvmNfs {

    static final String SCHEME = "nfs://";
    private static final Pattern SERVER = Pattern
            .compile(
                    "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");
    private static final Pattern PATH = Pattern.compile("^/[A-Za-z0-9._/-]+$");
    private static final Pattern SHA256 = Pattern.compile("^([0-9a-f]{64})$", Pattern.MULTILINE);
    private static final Pattern CAPACITY = Pattern.compile("^(\\d+) (\\d+)$", Pattern.MULTILINE);

    /** A file or folder on an export: the server, the folder to mount (its parent) and its name in it. */
    record Location(String server, String dir, String name) {

        String url() {
            return SCHEME + server + dir + "/" + name;
        }
    }

    private KvmNfs() {
    }

    static boolean isNfs(String location) {
        return location != null && location.startsWith(SCHEME);
    }

    /**
     * Splits {@code nfs://server/dir/name}.
     *
     * @throws DriverException when it is not a location Nubis makes
     */
    static Location parse(String url) throws DriverException {
        if (!isNfs(url)) {
            throw new DriverException("not an nfs:// location: " + url);
        }
        int slash = url.indexOf('/', SCHEME.length());
        String server = slash < 0 ? "" : url.substring(SCHEME.length(), slash);
        String path = slash < 0 ? "" : url.substring(slash);
        int last = path.lastIndexOf('/');
        if (!SERVER.matcher(server).matches() || !PATH.matcher(path).matches() || path.contains("//")
                || List.of(path.split("/")).stream().anyMatch(s -> s.equals("..") || s.equals(".")) || last <= 0
                || last == path.length() - 1) {
            throw new DriverException("refusing the NFS location " + url);
        }
        return new Location(server, path.substring(0, last), path.substring(last + 1));
    }

    /**
     * The export's folders exist ({@code images/}, {@code volumes/}) and are writable; returns total and free bytes.
     */
    static long[] prepare(SshPool ssh, HostEndpoint ep, String root) throws DriverException {
        Location l = parse(root + "/images");
        ExecResult r = run(ssh, ep, "preparing", root, Duration.ofSeconds(60), "prepare", l.server(), l.dir());
        java.util.regex.Matcher m = CAPACITY.matcher(r.stdout());
        if (!m.find()) {
            throw new DriverException("cannot read the capacity of " + root + " on " + ep.address() + ": "
                    + problem(r));
        }
        return new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    /** Removes the export's {@code images/} and {@code volumes/} folders when they are empty. */
    static void release(SshPool ssh, HostEndpoint ep, String root) throws DriverException {
        Location l = parse(root + "/images");
        run(ssh, ep, "releasing", root, Duration.ofSeconds(60), "release", l.server(), l.dir());
    }

    static boolean exists(SshPool ssh, HostEndpoint ep, String url) throws DriverException {
        Location l = parse(url);
        ExecResult r = ssh.exec(ep, command(Duration.ofSeconds(60), "exists", l.server(), l.dir(), l.name()));
        if (r.exitCode() == 0 || r.exitCode() == 1) {
            return r.exitCode() == 0;
        }
        throw new DriverException("checking " + url + " on " + ep.address() + " failed: " + problem(r));
    }

    /** Deletes files; missing ones are success. */
    static void remove(SshPool ssh, HostEndpoint ep, String... urls) throws DriverException {
        for (String url : urls) {
            Location l = parse(url);
            run(ssh, ep, "removing", url, Duration.ofSeconds(60), "rm", l.server(), l.dir(), l.name());
        }
    }

    /** Renames a file within its folder. */
    static void rename(SshPool ssh, HostEndpoint ep, String from, String to) throws DriverException {
        Location a = parse(from);
        Location b = parse(to);
        if (!a.server().equals(b.server()) || !a.dir().equals(b.dir())) {
            throw new DriverException("refusing to move " + from + " to another folder: " + to);
        }
        run(ssh, ep, "renaming", from, Duration.ofSeconds(60), "mv", a.server(), a.dir(), a.name(), b.name());
    }

    static String sha256(SshPool ssh, HostEndpoint ep, String url, Duration timeout) throws DriverException {
        Location l = parse(url);
        ExecResult r = run(ssh, ep, "computing the SHA-256 of", url, timeout, "sha256", l.server(), l.dir(),
                l.name());
        java.util.regex.Matcher m = SHA256.matcher(r.stdout());
        if (!m.find()) {
            throw new DriverException("unexpected checksum output on " + ep.address() + ": " + problem(r));
        }
        return m.group(1);
    }

    /** Copies a file of the host to the export, byte for byte (the target is replaced). */
    static void put(SshPool ssh, HostEndpoint ep, String localPath, String url, Duration timeout)
            throws DriverException {
        Location l = parse(url);
        run(ssh, ep, "copying " + localPath + " to", url, timeout, "put", l.server(), l.dir(), l.name(), localPath);
    }

    private static ExecResult run(SshPool ssh, HostEndpoint ep, String what, String url, Duration timeout,
            String... args) throws DriverException {
        ExecResult r = ssh.exec(ep, command(timeout, args));
        if (!r.ok()) {
            throw new DriverException(what + " " + url + " on " + ep.address() + " failed: " + problem(r));
        }
        return r;
    }

    /** What went wrong, without the program's text (which {@link ExecResult#describe} would repeat in full). */
    static String problem(ExecResult r) {
        String err = r.stderr() == null ? "" : r.stderr().strip();
        return "the libnfs program exited " + r.exitCode() + " after " + r.millis() + " ms"
                + (err.isEmpty() ? "" : ": " + (err.length() > 600 ? err.substring(0, 600) + "..." : err));
    }

    private static RemoteCommand command(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>(List.of("python3", "-c", PROGRAM));
        argv.addAll(List.of(args));
        return RemoteCommand.of(argv.toArray(String[]::new)).withTimeout(timeout);
    }

    /**
     * The libnfs program: {@code OP SERVER DIR [NAME...]}; mounts DIR of SERVER (NFSv3) and works on names in it. Exit
     * 0: done; 1: {@code exists} found nothing; 2: usage; 3: an NFS error (printed on stderr).
     */
    static final String PROGRAM = """
            import ctypes, hashlib, os, sys
            def die(msg, code=3):
                sys.stderr.write(msg + "\\n"); sys.exit(code)
            try:
                lib = ctypes.CDLL("libnfs.so.13")
            except OSError as e:
                die("libnfs is missing on this host (Debian package libnfs13): %s" % e)
            V, P, S, I, U = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_uint64
            lib.nfs_init_context.restype = V
            lib.nfs_get_error.restype = P
            lib.nfs_get_error.argtypes = [V]
            lib.nfs_set_timeout.argtypes = [V, I]
            lib.nfs_mount.argtypes = [V, P, P]
            for f in ("nfs_unlink", "nfs_mkdir", "nfs_rmdir"):
                getattr(lib, f).argtypes = [V, P]
            lib.nfs_rename.argtypes = [V, P, P]
            lib.nfs_stat64.argtypes = [V, P, V]
            lib.nfs_statvfs.argtypes = [V, P, V]
            lib.nfs_open.argtypes = [V, P, I, ctypes.POINTER(V)]
            lib.nfs_creat.argtypes = [V, P, I, ctypes.POINTER(V)]
            lib.nfs_read.argtypes = [V, V, U, V]
            lib.nfs_write.argtypes = [V, V, U, V]
            lib.nfs_close.argtypes = [V, V]
            lib.nfs_destroy_context.argtypes = [V]
            ENOENT, EEXIST = 2, 17
            if len(sys.argv) < 4:
                die("usage: OP SERVER DIR [NAME...]", 2)
            op, server, folder, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
            nfs = lib.nfs_init_context()
            if not nfs:
                die("cannot make an NFS context")
            lib.nfs_set_timeout(nfs, 20000)
            if lib.nfs_mount(nfs, server.encode(), folder.encode()) != 0:
                die("cannot reach %s:%s: %s" % (server, folder, (lib.nfs_get_error(nfs) or b"").decode(errors="replace")))
            def err():
                return (lib.nfs_get_error(nfs) or b"").decode(errors="replace")
            def name(n):
                return ("/" + n).encode()
            if op == "prepare":
                for d in ("images", "volumes", ".nubis-write-test"):
                    r = lib.nfs_mkdir(nfs, name(d))
                    if r != 0 and r != -EEXIST:
                        die("cannot make %s/%s on %s: %s" % (folder, d, server, err()))
                if lib.nfs_rmdir(nfs, name(".nubis-write-test")) != 0:
                    die("cannot write to %s:%s: %s" % (server, folder, err()))
                class StatVfs(ctypes.Structure):
                    _fields_ = [(f, ctypes.c_ulong) for f in ("bsize", "frsize", "blocks", "bfree", "bavail", "files",
                                "ffree", "favail", "fsid", "flag", "namemax")] + [("spare", ctypes.c_int * 6)]
                sv = StatVfs()
                if lib.nfs_statvfs(nfs, b"/", ctypes.byref(sv)) != 0:
                    die("cannot read the capacity of %s:%s: %s" % (server, folder, err()))
                print(sv.frsize * sv.blocks, sv.frsize * sv.bavail)
            elif op == "release":
                for d in ("images", "volumes"):
                    lib.nfs_rmdir(nfs, name(d))
            elif op == "exists":
                r = lib.nfs_stat64(nfs, name(names[0]), ctypes.create_string_buffer(512))
                if r == -ENOENT:
                    sys.exit(1)
                if r != 0:
                    die("cannot look at %s: %s" % (names[0], err()))
            elif op == "rm":
                for n in names:
                    r = lib.nfs_unlink(nfs, name(n))
                    if r != 0 and r != -ENOENT:
                        die("cannot delete %s/%s: %s" % (folder, n, err()))
            elif op == "mv":
                if lib.nfs_rename(nfs, name(names[0]), name(names[1])) != 0:
                    die("cannot rename %s to %s: %s" % (names[0], names[1], err()))
            elif op == "sha256":
                fh = V()
                if lib.nfs_open(nfs, name(names[0]), os.O_RDONLY, ctypes.byref(fh)) != 0:
                    die("cannot open %s: %s" % (names[0], err()))
                h, buf = hashlib.sha256(), ctypes.create_string_buffer(1 << 20)
                while True:
                    n = lib.nfs_read(nfs, fh, len(buf), buf)
                    if n < 0:
                        die("cannot read %s: %s" % (names[0], err()))
                    if n == 0:
                        break
                    h.update(buf.raw[:n])
                lib.nfs_close(nfs, fh)
                print(h.hexdigest())
            elif op == "put":
                fh = V()
                lib.nfs_unlink(nfs, name(names[0]))
                if lib.nfs_creat(nfs, name(names[0]), 0o600, ctypes.byref(fh)) != 0:
                    die("cannot create %s: %s" % (names[0], err()))
                with open(names[1], "rb") as src:
                    while True:
                        chunk = src.read(1 << 20)
                        if not chunk:
                            break
                        b = ctypes.create_string_buffer(chunk, len(chunk))
                        done = 0
                        while done < len(chunk):
                            n = lib.nfs_write(nfs, fh, len(chunk) - done, ctypes.addressof(b) + done)
                            if n <= 0:
                                die("cannot write %s: %s" % (names[0], err()))
                            done += n
                if lib.nfs_close(nfs, fh) != 0:
                    die("cannot close %s: %s" % (names[0], err()))
            else:
                die("unknown operation " + op, 2)
            lib.nfs_destroy_context(nfs)
            """;
}
