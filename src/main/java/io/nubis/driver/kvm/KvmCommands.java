package io.nubis.driver.kvm;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers shared by the KVM storage drivers: run a command or fail with its output, parse df and sha256sum. */
public final class KvmCommands {

    private static final Pattern DF_LINE = Pattern.compile("(?m)^\\s*(\\d+)\\s+(\\d+)\\s*$");
    private static final Pattern SHA256 = Pattern.compile("^([0-9a-f]{64})\\s");

    private KvmCommands() {
    }

    /** Runs the command; a non-zero exit becomes a {@link DriverException} saying what failed where. */
    public static ExecResult check(SshPool ssh, HostEndpoint ep, String what, RemoteCommand cmd)
            throws DriverException {
        ExecResult r = ssh.exec(ep, cmd);
        if (!r.ok()) {
            throw new DriverException(what + " on " + ep.address() + " failed: " + r.describe());
        }
        return r;
    }

    /** {@code df -B1 --output=size,avail <path>}: total and available bytes of the file system holding path. */
    public static long[] df(SshPool ssh, HostEndpoint ep, String path) throws DriverException {
        ExecResult r = check(ssh, ep, "reading the capacity of " + path,
                RemoteCommand.of("df", "-B1", "--output=size,avail", path));
        Matcher m = DF_LINE.matcher(r.stdout());
        if (!m.find()) {
            throw new DriverException("cannot read the capacity of " + path + " on " + ep.address() + ": "
                    + r.describe());
        }
        return new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    /** Hex SHA-256 of a file, computed on the machine; long timeout for big images. */
    public static String sha256(SshPool ssh, HostEndpoint ep, String path, java.time.Duration timeout)
            throws DriverException {
        ExecResult r = check(ssh, ep, "computing the SHA-256 of " + path,
                RemoteCommand.of("sha256sum", "--", path).withTimeout(timeout));
        Matcher m = SHA256.matcher(r.stdout());
        if (!m.find()) {
            throw new DriverException("unexpected sha256sum output on " + ep.address() + ": " + r.describe());
        }
        return m.group(1);
    }

    /** Removes files, ignoring missing ones ({@code rm -f}). */
    public static void remove(SshPool ssh, HostEndpoint ep, String... paths) throws DriverException {
        RemoteCommand cmd = RemoteCommand.of("rm", "-f", "--").and(paths);
        check(ssh, ep, "removing " + String.join(", ", paths), cmd);
    }

    /** Best-effort removal while cleaning up after another failure: never throws. */
    public static void removeQuietly(SshPool ssh, HostEndpoint ep, String... paths) {
        try {
            remove(ssh, ep, paths);
        } catch (DriverException | RuntimeException ignored) {
            // the original failure is what the caller reports; a leftover temporary file is overwritten next time
        }
    }
}
