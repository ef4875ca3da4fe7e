package io.nubis.driver.kvm;

import io.nubis.driver.BackupStorageEndpoint;
import io.nubis.driver.BackupStorageFacts;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.RbdLocation;
import io.nubis.driver.kvm.sftp.SftpBackupStorageDriver;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@link io.nubis.driver.BackupStorageDriver} for images in a Ceph pool (the {@code Ceph} type, issue 12). The
 * endpoint's root is the pool's {@code rbd://} location and its SSH login names a <b>gateway</b>: a machine with
 * ceph-common and qemu-utils that reaches the cluster (typically a monitor node, as ZStack's Ceph backup storage uses
 * its monitors). Everything the SFTP type does to a new image happens there too (download from a URL or upload into a
 * staging file, the same header and format checks, SHA-256); only then {@code rbd import} stores the file's bytes
 * unchanged as the RBD image {@code images-<id>.<format>} with a protected snapshot {@value KvmRbd#BASE} (so a Ceph
 * primary storage of the same cluster can clone a raw image instead of copying it). Reads export the image to a staging
 * file of the gateway and stream it over SFTP; the file goes when the stream is closed (after a server crash mid-read,
 * with a read a day later). The cephx key is written to the gateway as for hosts ({@link KvmRbd#writeAccess}), never
 * onto a command line.
 */
@ApplicationScoped
public class CephBackupStorageDriver extends SftpBackupStorageDriver {

    public static final String TYPE = "Ceph";
    static final String STAGING = "/var/lib/nubis/staging";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public BackupStorageFacts connect(BackupStorageEndpoint bs) throws DriverException {
        HostEndpoint ep = endpoint(bs);
        if (bs.username() == null
                || (bs.credentials().password() == null && bs.credentials().privateKey() == null)) {
            throw new DriverException("the Ceph gateway " + bs.address() + " has no SSH user with a password or key");
        }
        String fingerprint = ssh.connectAndFingerprint(ep);
        for (String program : new String[]{"qemu-img", "sha256sum", "rbd", "ceph"}) {
            if (!ssh.exec(ep, RemoteCommand.of("sh", "-c", "command -v \"$1\" >/dev/null", "nubis-check", program))
                    .ok()) {
                throw new DriverException("the Ceph gateway " + bs.address() + " lacks " + program
                        + (program.equals("qemu-img")
                                ? " (Debian package qemu-utils)"
                                : " (Debian package ceph-common)"));
            }
        }
        RbdLocation pool = KvmRbd.writeAccess(ssh, ep, bs.rootPath(), bs.secret());
        KvmCommands.check(ssh, ep, "creating " + STAGING, RemoteCommand.of("mkdir", "-p", "--", STAGING));
        long[] cap = KvmRbd.capacity(ssh, ep, pool);
        return new BackupStorageFacts(cap[0], cap[1], fingerprint);
    }

    /** A file of the gateway named after the image, so a retried import replaces what an interrupted one left. */
    @Override
    protected String staging(String targetPath) {
        return STAGING + "/bs-" + Integer.toHexString(targetPath.hashCode()) + "-"
                + targetPath.substring(targetPath.lastIndexOf('/') + 1) + KvmStorageDriver.PART;
    }

    @Override
    protected void prepareStaging(HostEndpoint ep, String tmp) throws DriverException {
        KvmCommands.check(ssh, ep, "creating " + STAGING, RemoteCommand.of("mkdir", "-p", "--", STAGING));
    }

    @Override
    protected void place(HostEndpoint ep, String tmp, String targetPath) throws DriverException {
        KvmRbd.importFile(ssh, ep, tmp, targetPath);
        KvmCommands.remove(ssh, ep, tmp);
    }

    @Override
    public InputStream open(BackupStorageEndpoint bs, String path) throws DriverException {
        HostEndpoint ep = endpoint(bs);
        String file = STAGING + "/out-" + java.util.UUID.randomUUID() + "-" + path.substring(path.lastIndexOf('/') + 1);
        try {
            // a read the server died in the middle of left its file: such files go after a day
            KvmCommands.check(ssh, ep, "preparing " + STAGING, RemoteCommand.of("sh", "-c",
                    "mkdir -p \"$1\" && find \"$1\" -maxdepth 1 -name 'out-*' -mmin +1440 -delete", "nubis-staging",
                    STAGING));
            KvmRbd.exportFile(ssh, ep, path, file);
            InputStream in = ssh.download(ep, file);
            return new FilterInputStream(in) {

                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        KvmCommands.removeQuietly(ssh, ep, file);
                    }
                }
            };
        } catch (DriverException | RuntimeException e) {
            KvmCommands.removeQuietly(ssh, ep, file);
            throw e;
        }
    }

    @Override
    public void delete(BackupStorageEndpoint bs, String path) throws DriverException {
        HostEndpoint ep = endpoint(bs);
        KvmRbd.remove(ssh, ep, path);
        KvmRbd.remove(ssh, ep, path + KvmStorageDriver.PART);
        KvmCommands.remove(ssh, ep, staging(path));
    }
}
