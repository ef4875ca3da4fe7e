package io.nubis.driver.kvm.sftp;

import io.nubis.driver.BackupStorageDriver;
import io.nubis.driver.BackupStorageEndpoint;
import io.nubis.driver.BackupStorageFacts;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.ImageFileInfo;
import io.nubis.driver.kvm.KvmCommands;
import io.nubis.driver.kvm.KvmConfig;
import io.nubis.driver.kvm.QemuImg;
import io.nubis.driver.kvm.RemoteCommand;
import io.nubis.driver.kvm.SshPool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.Locale;

/**
 * {@link BackupStorageDriver} for an SSH server reached with SFTP (the {@code SFTP} type): images are files under
 * {@code <root>/images}. Uploads and reads stream over an SFTP channel; downloads from a URL, inspection
 * ({@code qemu-img info}, the ISO signature), checksums and renames run as exec commands on the server. Reuses the KVM
 * driver's pooled SSH sessions and host key pinning through a {@link HostEndpoint} made from the backup storage.
 */
@ApplicationScoped
public class SftpBackupStorageDriver implements BackupStorageDriver {

    public static final String TYPE = "SFTP";
    static final String PART = ".part";

    @Inject
    SshPool ssh;
    @Inject
    KvmConfig config;

    @Override
    public String type() {
        return TYPE;
    }

    /** The KVM driver's view of a backup storage: same SSH login, same pinned key. */
    static HostEndpoint endpoint(BackupStorageEndpoint bs) {
        return new HostEndpoint(bs.id(), bs.address(), bs.port(), bs.username(), bs.credentials());
    }

    @Override
    public BackupStorageFacts connect(BackupStorageEndpoint bs) throws DriverException {
        HostEndpoint ep = endpoint(bs);
        if (bs.username() == null
                || (bs.credentials().password() == null && bs.credentials().privateKey() == null)) {
            throw new DriverException("backup storage " + bs.address() + " has no SSH user with a password or key");
        }
        String fingerprint = ssh.connectAndFingerprint(ep);
        for (String program : new String[]{"qemu-img", "sha256sum", "df"}) {
            if (!ssh.exec(ep, RemoteCommand.of("sh", "-c", "command -v \"$1\" >/dev/null", "nubis-check", program))
                    .ok()) {
                throw new DriverException("backup storage " + bs.address() + " lacks " + program
                        + (program.equals("qemu-img") ? " (Debian package qemu-utils)" : ""));
            }
        }
        KvmCommands.check(ssh, ep, "creating " + images(bs),
                RemoteCommand.of("mkdir", "-p", "--", images(bs)));
        long[] df = KvmCommands.df(ssh, ep, bs.rootPath());
        return new BackupStorageFacts(df[0], df[1], fingerprint);
    }

    @Override
    public ImageFileInfo importFromUrl(BackupStorageEndpoint bs, String url, String targetPath,
            String expectedFormat) throws DriverException {
        HostEndpoint ep = endpoint(bs);
        String tmp = targetPath + PART;
        try {
            RemoteCommand fetch;
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                fetch = RemoteCommand.of("curl", "-fsSL", "--proto", "=http,https", "-o", tmp, "--", url);
            } else {
                String source = lower.startsWith("file://") ? url.substring("file://".length()) : url;
                fetch = RemoteCommand.of("cp", "-f", "--", source, tmp);
            }
            KvmCommands.check(ssh, ep, "downloading " + url, fetch.withTimeout(config.storageCommandTimeout()));
            return inspectAndPlace(bs, ep, tmp, targetPath, expectedFormat);
        } catch (DriverException | RuntimeException e) {
            KvmCommands.removeQuietly(ssh, ep, tmp);
            throw e;
        }
    }

    @Override
    public ImageFileInfo upload(BackupStorageEndpoint bs, InputStream content, String targetPath,
            String expectedFormat) throws DriverException {
        HostEndpoint ep = endpoint(bs);
        String tmp = targetPath + PART;
        try {
            ssh.upload(ep, content, tmp);
            return inspectAndPlace(bs, ep, tmp, targetPath, expectedFormat);
        } catch (DriverException | RuntimeException e) {
            KvmCommands.removeQuietly(ssh, ep, tmp);
            throw e;
        }
    }

    private ImageFileInfo inspectAndPlace(BackupStorageEndpoint bs, HostEndpoint ep, String tmp, String targetPath,
            String expectedFormat) throws DriverException {
        QemuImg.Info info = QemuImg.info(ssh, ep, tmp);
        if (info.backingFile() != null) {
            throw new DriverException("the image has a backing file (" + info.backingFile()
                    + "); only self-contained images are accepted");
        }
        String format = info.format();
        if ("raw".equals(format) && QemuImg.isIso(ssh, ep, tmp)) {
            format = "iso";
        }
        if (!"raw".equals(format) && !"qcow2".equals(format) && !"iso".equals(format)) {
            String why = "unsupported image format " + format + " (raw, qcow2 and iso are)";
            throw new DriverException(why, why); // about the file only: tenants may read it
        }
        if (expectedFormat != null && !expectedFormat.equals(format)) {
            String why = "the image was declared as " + expectedFormat + " but its content is " + format;
            throw new DriverException(why, why);
        }
        long size = QemuImg.fileSize(ssh, ep, tmp);
        String sha = KvmCommands.sha256(ssh, ep, tmp, config.storageCommandTimeout());
        KvmCommands.check(ssh, ep, "moving the image into place", RemoteCommand.of("mv", "-f", "--", tmp, targetPath));
        return new ImageFileInfo(format, size, "iso".equals(format) ? size : info.virtualSize(), sha);
    }

    @Override
    public InputStream open(BackupStorageEndpoint bs, String path) throws DriverException {
        return ssh.download(endpoint(bs), path);
    }

    @Override
    public void delete(BackupStorageEndpoint bs, String path) throws DriverException {
        KvmCommands.remove(ssh, endpoint(bs), path, path + PART);
    }

    private static String images(BackupStorageEndpoint bs) {
        return bs.rootPath() + "/images";
    }
}
