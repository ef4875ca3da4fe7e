package io.nubis.driver.kvm;

import io.nubis.driver.BackupStorageDrivers;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.ImageSource;
import io.nubis.driver.IscsiLocation;
import io.nubis.driver.RbdLocation;
import io.nubis.driver.StorageCapacity;
import io.nubis.driver.StorageDriver;
import io.nubis.driver.VolumeInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@link StorageDriver} for KVM hosts: local directories, an image cache filled through the management server (the
 * backup storage's file is streamed over SSH into the host, then verified with {@code sha256sum} on the host and
 * renamed into place) and qcow2 linked clones made with {@code qemu-img create -b}. Every path comes from the storage
 * service, already validated; each is still passed as its own argument.
 */
@ApplicationScoped
public class KvmStorageDriver implements StorageDriver {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(KvmStorageDriver.class);

    static final String PART = ".part";
    /** Where images for an NFS cache wait on the host while they are checked. */
    static final String STAGING = "/var/lib/nubis/staging";

    @Inject
    SshPool ssh;
    @Inject
    KvmConfig config;
    @Inject
    BackupStorageDrivers backupStorages;
    @Inject
    KvmSnapshots snapshots;
    @Inject
    Virsh virsh;

    @Override
    public String type() {
        return KvmHostDriver.TYPE;
    }

    @Override
    public StorageCapacity prepareLocalStorage(HostEndpoint host, String path) throws DriverException {
        if (KvmNfs.isNfs(path)) {
            long[] cap = KvmNfs.prepare(ssh, host, path);
            return new StorageCapacity(cap[0], cap[1]);
        }
        KvmCommands.check(ssh, host, "creating the primary storage folders",
                RemoteCommand.of("mkdir", "-p", "--", path + "/images", path + "/volumes"));
        String probe = path + "/volumes/.nubis-write-test";
        KvmCommands.check(ssh, host, "checking that " + path + " is writable",
                RemoteCommand.of("sh", "-c", "touch \"$1\" && rm -f \"$1\"", "nubis-probe", probe));
        long[] df = KvmCommands.df(ssh, host, path);
        return new StorageCapacity(df[0], df[1]);
    }

    @Override
    public StorageCapacity prepareStorage(HostEndpoint host, String root, String secret) throws DriverException {
        if (IscsiLocation.isIscsi(root)) {
            return KvmIscsi.prepare(ssh, host, root);
        }
        if (RbdLocation.isRbd(root)) {
            long[] cap = KvmRbd.prepare(ssh, virsh, host, root, secret);
            return new StorageCapacity(cap[0], cap[1]);
        }
        return prepareLocalStorage(host, root);
    }

    @Override
    public void forgetStorageSecret(HostEndpoint host, String root, boolean keepKeyFile) throws DriverException {
        if (RbdLocation.isRbd(root)) {
            KvmRbd.forget(ssh, virsh, host, root, keepKeyFile);
        }
    }

    @Override
    public void releaseLocalStorage(HostEndpoint host, String path) throws DriverException {
        if (RbdLocation.isRbd(path) || IscsiLocation.isIscsi(path)) {
            return; // the pool (and the host's key) or the target stay: other clusters may use them
        }
        if (KvmNfs.isNfs(path)) {
            KvmNfs.release(ssh, host, path);
            return;
        }
        KvmCommands.check(ssh, host, "removing the empty primary storage folders", RemoteCommand.of("sh", "-c",
                "for d in \"$1/images\" \"$1/volumes\" \"$1\"; do [ -d \"$d\" ] && rmdir \"$d\" 2>/dev/null; done; true",
                "nubis-release", path));
    }

    @Override
    public void ensureImageCached(HostEndpoint host, ImageSource image, String cachePath) throws DriverException {
        boolean rbd = RbdLocation.isRbd(cachePath);
        if (rbd && KvmRbd.exists(ssh, host, cachePath)) {
            return; // only a checked import gets the final name (see KvmRbd#importImage)
        }
        if (rbd && sameCluster(image, cachePath)) {
            try {
                KvmRbd.cloneImage(ssh, host, image.path(), cachePath);
                return;
            } catch (DriverException e) {
                // e.g. this storage's user may not read the backup storage's pool: copy it as from any other store
                LOG.warnf("cloning %s into %s failed, copying it instead: %s", image.path(), cachePath,
                        e.getMessage());
            }
        }
        if (!rbd && KvmFiles.exists(ssh, host, cachePath)
                && KvmFiles.sha256(ssh, host, cachePath, config.storageCommandTimeout()).equals(image.sha256())) {
            return;
        }
        boolean nfs = KvmNfs.isNfs(cachePath) || rbd;
        // on NFS the image travels to a file of the host first, is checked there, then copied to the export; the
        // staging name follows the cache path, so a copy retried after a crash replaces what the crash left
        String tmp = nfs
                ? STAGING + "/" + Integer.toHexString(cachePath.hashCode()) + "-"
                        + cachePath.substring(cachePath.lastIndexOf('/') + 1) + PART
                : cachePath + PART;
        try {
            KvmCommands.check(ssh, host, "creating the image cache folder",
                    RemoteCommand.of("mkdir", "-p", "--", nfs ? STAGING : parent(cachePath)));
            try (InputStream in = backupStorages.get(image.backupStorage().type()).open(image.backupStorage(),
                    image.path())) {
                ssh.upload(host, in, tmp);
            } catch (IOException e) {
                throw new DriverException("reading " + image.path() + " from backup storage "
                        + image.backupStorage().address() + " failed: " + e.getMessage(), e);
            }
            String sha = KvmCommands.sha256(ssh, host, tmp, config.storageCommandTimeout());
            if (!sha.equals(image.sha256())) {
                throw new DriverException("the copy of " + image.path() + " on " + host.address()
                        + " has SHA-256 " + sha + " but the image has " + image.sha256());
            }
            if (rbd) {
                KvmRbd.importImage(ssh, host, tmp, QemuImg.info(ssh, host, tmp).format(), cachePath,
                        config.storageCommandTimeout());
                KvmCommands.remove(ssh, host, tmp);
            } else if (nfs) {
                String part = cachePath + PART;
                try {
                    KvmNfs.put(ssh, host, tmp, part, config.storageCommandTimeout());
                    KvmNfs.rename(ssh, host, part, cachePath);
                } catch (DriverException | RuntimeException e) {
                    KvmFiles.removeQuietly(ssh, host, part);
                    throw e;
                }
                KvmCommands.remove(ssh, host, tmp);
            } else {
                KvmCommands.check(ssh, host, "moving the cached image into place",
                        RemoteCommand.of("mv", "-f", "--", tmp, cachePath));
            }
        } catch (DriverException | RuntimeException e) {
            KvmCommands.removeQuietly(ssh, host, tmp);
            throw e;
        }
    }

    @Override
    public VolumeInfo createRootVolume(HostEndpoint host, String cachePath, String volumePath, long sizeBytes)
            throws DriverException {
        if (RbdLocation.isRbd(volumePath)) {
            return createRbdRoot(host, cachePath, volumePath, sizeBytes);
        }
        if (IscsiLocation.isIscsi(volumePath)) {
            return KvmIscsi.writeImage(ssh, host, cachePath, backingFormat(cachePath), volumePath,
                    config.storageCommandTimeout());
        }
        String format = backingFormat(cachePath);
        if (KvmFiles.exists(ssh, host, volumePath)) {
            QemuImg.Info existing = QemuImg.info(ssh, host, volumePath);
            if (cachePath.equals(existing.backingFile())) {
                return new VolumeInfo(volumePath, existing.format(), existing.virtualSize(), existing.actualSize());
            }
            throw new DriverException("a different file already exists at " + volumePath + " on " + host.address());
        }
        try {
            KvmCommands.check(ssh, host, "creating the root volume " + volumePath,
                    RemoteCommand.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", format, "-b", cachePath,
                            volumePath, Long.toString(sizeBytes)));
            QemuImg.Info info = QemuImg.info(ssh, host, volumePath);
            return new VolumeInfo(volumePath, info.format(), info.virtualSize(), info.actualSize());
        } catch (DriverException | RuntimeException e) {
            KvmFiles.removeQuietly(ssh, host, volumePath);
            throw e;
        }
    }

    @Override
    public VolumeInfo createDataVolume(HostEndpoint host, String volumePath, long sizeBytes) throws DriverException {
        if (RbdLocation.isRbd(volumePath)) {
            return createRbdData(host, volumePath, sizeBytes);
        }
        if (IscsiLocation.isIscsi(volumePath)) { // the LUN is the volume: zeroed, whatever held it before
            return KvmIscsi.wipe(ssh, host, volumePath, config.storageCommandTimeout());
        }
        if (KvmFiles.exists(ssh, host, volumePath)) {
            QemuImg.Info existing = QemuImg.info(ssh, host, volumePath);
            if ("qcow2".equals(existing.format()) && existing.backingFile() == null) {
                return new VolumeInfo(volumePath, existing.format(), existing.virtualSize(), existing.actualSize());
            }
            throw new DriverException("a different file already exists at " + volumePath + " on " + host.address());
        }
        try {
            KvmCommands.check(ssh, host, "creating the data volume " + volumePath, RemoteCommand.of("qemu-img",
                    "create", "-q", "-f", "qcow2", volumePath, Long.toString(sizeBytes)));
            QemuImg.Info info = QemuImg.info(ssh, host, volumePath);
            return new VolumeInfo(volumePath, info.format(), info.virtualSize(), info.actualSize());
        } catch (DriverException | RuntimeException e) {
            KvmFiles.removeQuietly(ssh, host, volumePath);
            throw e;
        }
    }

    @Override
    public VolumeInfo resizeVolume(HostEndpoint host, String volumePath, long sizeBytes) throws DriverException {
        if (IscsiLocation.isIscsi(volumePath)) {
            throw new DriverException("an iSCSI volume is a whole LUN: its size is the LUN's (" + volumePath + ")");
        }
        String name = qemuName(volumePath);
        QemuImg.Info info = QemuImg.info(ssh, host, name);
        if (info.virtualSize() != sizeBytes) {
            // --shrink is required to shrink (the rollback of a growth) and ignored when growing
            KvmCommands.check(ssh, host, "resizing the volume " + volumePath, RemoteCommand.of("qemu-img", "resize",
                    "-q", "-f", info.format(), "--shrink", name, Long.toString(sizeBytes)));
            info = QemuImg.info(ssh, host, name);
        }
        return new VolumeInfo(volumePath, info.format(), info.virtualSize(), info.actualSize());
    }

    private VolumeInfo createRbdRoot(HostEndpoint host, String cachePath, String volumePath, long sizeBytes)
            throws DriverException {
        if (KvmRbd.exists(ssh, host, volumePath)) {
            if (!KvmRbd.isCloneOf(ssh, host, volumePath, cachePath)) {
                throw new DriverException("a different image already exists at " + volumePath);
            }
        } else {
            KvmRbd.clone(ssh, host, cachePath, volumePath);
        }
        try {
            VolumeInfo info = KvmRbd.volumeInfo(ssh, host, volumePath);
            return info.virtualSizeBytes() < sizeBytes ? resizeVolume(host, volumePath, sizeBytes) : info;
        } catch (DriverException | RuntimeException e) {
            KvmRbd.removeQuietly(ssh, host, volumePath);
            throw e;
        }
    }

    private VolumeInfo createRbdData(HostEndpoint host, String volumePath, long sizeBytes) throws DriverException {
        if (!KvmRbd.exists(ssh, host, volumePath)) {
            try {
                KvmCommands.check(ssh, host, "creating the data volume " + volumePath, RemoteCommand.of("qemu-img",
                        "create", "-q", "-f", "raw", qemuName(volumePath), Long.toString(sizeBytes)));
            } catch (DriverException | RuntimeException e) {
                KvmRbd.removeQuietly(ssh, host, volumePath);
                throw e;
            }
        }
        return KvmRbd.volumeInfo(ssh, host, volumePath);
    }

    /** The name qemu-img opens a volume by: the path, or for an RBD image its {@code rbd:} form. */
    private static String qemuName(String location) throws DriverException {
        return RbdLocation.isRbd(location) ? KvmRbd.qemu(KvmRbd.image(location)) : location;
    }

    @Override
    public void deleteVolume(HostEndpoint host, String volumePath) throws DriverException {
        if (IscsiLocation.isIscsi(volumePath)) { // the LUN stays, zeroed, for the next volume
            KvmIscsi.wipe(ssh, host, volumePath, config.storageCommandTimeout());
            return;
        }
        KvmFiles.remove(ssh, host, volumePath, volumePath + PART);
    }

    @Override
    public void deleteCachedImage(HostEndpoint host, String cachePath) throws DriverException {
        KvmFiles.remove(ssh, host, cachePath, cachePath + PART);
    }

    @Override
    public void createSnapshot(HostEndpoint host, String volumePath, String tag, String vmId)
            throws DriverException {
        snapshots.create(host, volumePath, tag, vmId);
    }

    @Override
    public void deleteSnapshot(HostEndpoint host, String volumePath, String tag, String vmId)
            throws DriverException {
        snapshots.delete(host, volumePath, tag, vmId);
    }

    @Override
    public void revertSnapshot(HostEndpoint host, String volumePath, String tag, String vmId)
            throws DriverException {
        snapshots.revert(host, volumePath, tag, vmId);
    }

    @Override
    public VolumeInfo copySnapshot(HostEndpoint host, String volumePath, String tag, String targetPath)
            throws DriverException {
        return snapshots.copy(host, volumePath, tag, targetPath);
    }

    @Override
    public java.io.InputStream openFile(HostEndpoint host, String path) throws DriverException {
        if (RbdLocation.isRbd(path) || KvmNfs.isNfs(path) || IscsiLocation.isIscsi(path)) {
            throw new DriverException("reading " + path + " as a file is not supported on shared storage yet");
        }
        return ssh.download(host, path);
    }

    @Override
    public java.util.List<String> snapshots(HostEndpoint host, String volumePath) throws DriverException {
        return snapshots.tags(host, volumePath);
    }

    /**
     * Whether a raw image of Ceph backup storage is in the same Ceph cluster as the Ceph primary storage's cache: then
     * it is cloned, not copied (issue 12). Same cluster: the same monitors.
     */
    static boolean sameCluster(ImageSource image, String cachePath) {
        if (!RbdLocation.isRbd(image.path()) || !image.path().endsWith(".raw")) {
            return false;
        }
        try {
            return RbdLocation.parse(image.path()).sameCluster(RbdLocation.parse(cachePath));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String backingFormat(String cachePath) throws DriverException {
        if (cachePath.endsWith(".qcow2")) {
            return "qcow2";
        }
        if (cachePath.endsWith(".raw")) {
            return "raw";
        }
        throw new DriverException("cannot make a root volume on " + cachePath + ": only raw and qcow2 images can be");
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
