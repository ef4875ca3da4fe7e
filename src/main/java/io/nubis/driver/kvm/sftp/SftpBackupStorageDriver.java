package io.nubis.driver.kvm.sftp;

import io.nubis.driver.BackupStorageDriver;
import io.nubis.driver.BackupStorageEndpoint;
import io.nubis.driver.BackupStorageFacts;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.ImageFileInfo;
import io.nubis.driver.ImportSource;
import io.nubis.driver.kvm.KvmCommands;
import io.nubis.driver.kvm.ExecResult;
import io.nubis.driver.kvm.KvmConfig;
import io.nubis.driver.kvm.QemuImg;
import io.nubis.driver.kvm.RemoteCommand;
import io.nubis.driver.kvm.SshPool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

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
    protected SshPool ssh;
    @Inject
    protected KvmConfig config;

    @Override
    public String type() {
        return TYPE;
    }

    /** The KVM driver's view of a backup storage: same SSH login, same pinned key. */
    protected static HostEndpoint endpoint(BackupStorageEndpoint bs) {
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
    public ImageFileInfo importImage(BackupStorageEndpoint bs, ImportSource source, String targetPath,
            String expectedFormat) throws DriverException {
        HostEndpoint ep = endpoint(bs);
        String tmp = staging(targetPath);
        try {
            prepareStaging(ep, tmp);
            if (source.kind() == ImportSource.Kind.URL) {
                download(ep, source, tmp);
            } else {
                copyConfined(ep, source, tmp);
            }
            return inspectAndPlace(bs, ep, tmp, targetPath, expectedFormat, source.maxBytes());
        } catch (DriverException | RuntimeException e) {
            KvmCommands.removeQuietly(ssh, ep, tmp);
            throw e;
        }
    }

    /**
     * curl to the pinned address only, no redirect followed, bounded in size and time; the HTTP status is read from
     * curl's write-out ({@code -f} would hide it), and anything but 200 fails.
     */
    private void download(HostEndpoint ep, ImportSource source, String tmp) throws DriverException {
        List<String> argv = new ArrayList<>(List.of("curl", "-sS", "--proto", "=http,https", "--max-redirs", "0",
                "--max-filesize", Long.toString(source.maxBytes()), "--max-time",
                Long.toString(Math.max(1, source.maxTime().toSeconds())), "-o", tmp, "-w", "%{http_code}"));
        if (source.pinnedAddress() != null) {
            String addr = source.pinnedAddress().contains(":")
                    ? "[" + source.pinnedAddress() + "]"
                    : source.pinnedAddress();
            argv.addAll(List.of("--resolve", source.host() + ":" + source.port() + ":" + addr));
        }
        argv.addAll(List.of("--", source.location()));
        ExecResult r = ssh.exec(ep, RemoteCommand.of(argv).withTimeout(source.maxTime().plusMinutes(1)));
        String status = r.stdout().strip();
        if (r.ok() && status.equals("200")) {
            return;
        }
        String why = !r.ok() ? curlFailure(r.exitCode()) : "HTTP " + status;
        throw new DriverException("downloading " + source.location() + " on " + ep.address() + " failed (" + why
                + "): " + r.describe(), "the URL could not be fetched (" + why + ")");
    }

    /** What a curl exit code means, in words a tenant may read (no address, no server output). */
    static String curlFailure(int exitCode) {
        return switch (exitCode) {
            case 6 -> "its host name does not resolve";
            case 7 -> "the connection was refused or failed";
            case 28 -> "it took too long";
            case 35, 51, 53, 54, 58, 59, 60, 77, 80, 82, 83, 90, 91 -> "a TLS error";
            case 47 -> "it redirects elsewhere";
            case 63 -> "it is larger than this server accepts";
            default -> "transfer error " + exitCode;
        };
    }

    /**
     * Copies a server-side path only when, with every symbolic link resolved, it is a regular file strictly inside one
     * of the allowed folders (resolved too). The copy reads the resolved path, never the one given.
     */
    private void copyConfined(HostEndpoint ep, ImportSource source, String tmp) throws DriverException {
        String refused = "the path is not inside an import folder of this backup storage";
        ExecResult resolved = ssh.exec(ep, RemoteCommand.of("realpath", "-e", "--", source.location()));
        String file = resolved.stdout().strip();
        if (!resolved.ok() || file.isEmpty() || file.contains("\n")) {
            throw new DriverException("import of " + source.location() + " on " + ep.address()
                    + " refused: it does not exist (" + resolved.describe() + ")",
                    "the file does not exist or " + refused);
        }
        List<String> folders = new ArrayList<>();
        for (String folder : source.allowedFolders()) {
            ExecResult f = ssh.exec(ep, RemoteCommand.of("realpath", "-e", "--", folder));
            if (f.ok() && !f.stdout().isBlank()) {
                folders.add(f.stdout().strip());
            }
        }
        if (folders.stream()
                .noneMatch(f -> file.startsWith(f.endsWith("/") ? f : f + "/") && file.length() > f.length() + 1)) {
            throw new DriverException(
                    "import of " + source.location() + " on " + ep.address() + " refused: it resolves to "
                            + file + ", outside the import folders " + folders,
                    "the file does not exist or " + refused);
        }
        if (!ssh.exec(ep, RemoteCommand.of("test", "-f", file)).ok()) {
            throw new DriverException("import of " + source.location() + " on " + ep.address() + " refused: " + file
                    + " is not a regular file", "the path is not a regular file");
        }
        KvmCommands.check(ssh, ep, "copying " + file, RemoteCommand.of("cp", "-f", "--", file, tmp)
                .withTimeout(source.maxTime()));
    }

    @Override
    public ImageFileInfo upload(BackupStorageEndpoint bs, InputStream content, String targetPath,
            String expectedFormat) throws DriverException {
        HostEndpoint ep = endpoint(bs);
        String tmp = staging(targetPath);
        try {
            prepareStaging(ep, tmp);
            ssh.upload(ep, content, tmp);
            return inspectAndPlace(bs, ep, tmp, targetPath, expectedFormat, Long.MAX_VALUE);
        } catch (DriverException | RuntimeException e) {
            KvmCommands.removeQuietly(ssh, ep, tmp);
            throw e;
        }
    }

    private ImageFileInfo inspectAndPlace(BackupStorageEndpoint bs, HostEndpoint ep, String tmp, String targetPath,
            String expectedFormat, long maxBytes) throws DriverException {
        // the header first, read as bytes: a qcow2 naming another file must not reach qemu-img, which would open it
        QemuImg.Header header = QemuImg.header(ssh, ep, tmp);
        if (header.backingFile() || header.externalDataFile()) {
            String why = "the image refers to another file (" + (header.backingFile() ? "a backing file" : "")
                    + (header.backingFile() && header.externalDataFile() ? " and " : "")
                    + (header.externalDataFile() ? "an external data file" : "")
                    + "); only self-contained images are accepted";
            throw new DriverException(why, why); // about the file only: tenants may read it
        }
        // no probing beyond qcow2 and raw: other formats (e.g. VMDK descriptors) could name files of their own
        QemuImg.Info info = QemuImg.info(ssh, ep, tmp, header.qcow2() ? "qcow2" : "raw");
        String format = header.qcow2() ? "qcow2" : QemuImg.isIso(ssh, ep, tmp) ? "iso" : "raw";
        if (expectedFormat != null && !expectedFormat.equals(format)) {
            String why = "the image was declared as " + expectedFormat + " but its content is " + format;
            throw new DriverException(why, why);
        }
        long size = QemuImg.fileSize(ssh, ep, tmp);
        if (size > maxBytes) {
            String why = "the image is larger than this server accepts (" + maxBytes + " bytes)";
            throw new DriverException(why, why);
        }
        String sha = KvmCommands.sha256(ssh, ep, tmp, config.storageCommandTimeout());
        place(ep, tmp, targetPath);
        return new ImageFileInfo(format, size, "iso".equals(format) ? size : info.virtualSize(), sha);
    }

    /** Where an import waits on the server while it is checked: beside its target, as {@code .part}. */
    protected String staging(String targetPath) {
        return targetPath + PART;
    }

    /** Makes sure the staging file's folder exists (the images folder exists since connect). */
    protected void prepareStaging(HostEndpoint ep, String tmp) throws DriverException {
    }

    /** Puts the checked staging file at its target (a rename); the caller removes the staging file on failure. */
    protected void place(HostEndpoint ep, String tmp, String targetPath) throws DriverException {
        KvmCommands.check(ssh, ep, "moving the image into place", RemoteCommand.of("mv", "-f", "--", tmp, targetPath));
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
