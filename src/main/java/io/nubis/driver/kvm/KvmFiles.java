package io.nubis.driver.kvm;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.RbdLocation;
import java.time.Duration;

/**
 * File operations of the KVM storage drivers on a location that is either a path on the host or a file of an NFS export
 * ({@code nfs://...}, {@link KvmNfs}) or an RBD image ({@code rbd://...}, {@link KvmRbd}): the same calls for all, so
 * the drivers do not care where a volume lives.
 */
final class KvmFiles {

    private KvmFiles() {
    }

    static boolean exists(SshPool ssh, HostEndpoint ep, String location) throws DriverException {
        if (KvmNfs.isNfs(location)) {
            return KvmNfs.exists(ssh, ep, location);
        }
        if (RbdLocation.isRbd(location)) {
            return KvmRbd.exists(ssh, ep, location);
        }
        return ssh.exec(ep, RemoteCommand.of("test", "-e", location)).ok();
    }

    /** Deletes files; missing ones are success. */
    static void remove(SshPool ssh, HostEndpoint ep, String... locations) throws DriverException {
        for (String l : locations) {
            if (KvmNfs.isNfs(l)) {
                KvmNfs.remove(ssh, ep, l);
            } else if (RbdLocation.isRbd(l)) {
                KvmRbd.remove(ssh, ep, l);
            } else {
                KvmCommands.remove(ssh, ep, l);
            }
        }
    }

    /** Best effort while cleaning up after another failure: never throws. */
    static void removeQuietly(SshPool ssh, HostEndpoint ep, String... locations) {
        try {
            remove(ssh, ep, locations);
        } catch (DriverException | RuntimeException ignored) {
            // the caller reports the failure that made it clean up
        }
    }

    /** Renames a file into place (same folder). */
    static void rename(SshPool ssh, HostEndpoint ep, String from, String to) throws DriverException {
        if (KvmNfs.isNfs(from)) {
            KvmNfs.rename(ssh, ep, from, to);
        } else if (RbdLocation.isRbd(from)) {
            KvmRbd.rename(ssh, ep, from, to);
        } else {
            KvmCommands.check(ssh, ep, "renaming " + from, RemoteCommand.of("mv", "-f", "--", from, to));
        }
    }

    static String sha256(SshPool ssh, HostEndpoint ep, String location, Duration timeout) throws DriverException {
        return KvmNfs.isNfs(location)
                ? KvmNfs.sha256(ssh, ep, location, timeout)
                : KvmCommands.sha256(ssh, ep, location, timeout);
    }
}
