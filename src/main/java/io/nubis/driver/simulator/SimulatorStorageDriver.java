package io.nubis.driver.simulator;

import io.nubis.driver.BackupStorageDrivers;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.ImageSource;
import io.nubis.driver.IscsiLocation;
import io.nubis.driver.StorageCapacity;
import io.nubis.driver.StorageDriver;
import io.nubis.driver.VmPowerState;
import io.nubis.driver.VolumeInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@link StorageDriver} for simulated hosts: files as rows ({@link FileStore}). Caching an image really reads it from
 * its backup storage (through that store's driver, which may be the SFTP one) and checks its SHA-256, so the copy and
 * its verification are exercised; the cached file and volumes keep only metadata. A volume is a linked clone: it names
 * its backing file, which must exist when the volume is made. Capacity: the configured storage size minus the files'
 * sizes. Files stay when the management server restarts, as on a real host. Scriptable failures:
 * {@code PREPARE_STORAGE}, {@code CACHE_IMAGE}, {@code CREATE_VOLUME}, {@code RESIZE_VOLUME}, {@code DELETE_VOLUME},
 * {@code DELETE_CACHED_IMAGE}, {@code RELEASE_STORAGE}, {@code SNAPSHOT_*}. Snapshots ({@link SnapshotStore}) keep the
 * volume's virtual size at the time, which a revert gives back.
 */
@ApplicationScoped
public class SimulatorStorageDriver implements StorageDriver {

    /** Space a fresh qcow2 linked clone takes. */
    static final long EMPTY_QCOW2_BYTES = 196_624;

    @Inject
    CallGate gate;
    @Inject
    MachineStore machines;
    @Inject
    FileStore files;
    @Inject
    BackupStorageDrivers backupStorages;
    @Inject
    SnapshotStore snapshots;
    @Inject
    DomainStore domains;
    @Inject
    SimulatorConfig config;

    @Override
    public String type() {
        return SimulatorHostDriver.TYPE;
    }

    @Override
    public StorageCapacity prepareLocalStorage(HostEndpoint host, String path) throws DriverException {
        Machine m = gate.enter(host.address(), SimulatorAction.PREPARE_STORAGE);
        return new StorageCapacity(m.storageBytes(), m.storageBytes() - machines.usedBytes(m.call()));
    }

    /** An iSCSI target offers {@code iscsi-luns} LUNs of {@code iscsi-lun-bytes} each (simulator configuration). */
    @Override
    public StorageCapacity prepareStorage(HostEndpoint host, String root, String secret) throws DriverException {
        if (!IscsiLocation.isIscsi(root)) {
            return prepareLocalStorage(host, root);
        }
        gate.enter(host.address(), SimulatorAction.PREPARE_STORAGE, root);
        List<StorageCapacity.Lun> luns = new ArrayList<>();
        for (int n = 1; n <= config.iscsiLuns(); n++) {
            luns.add(new StorageCapacity.Lun(n, config.iscsiLunBytes()));
        }
        return StorageCapacity.ofLuns(luns);
    }

    @Override
    public void releaseLocalStorage(HostEndpoint host, String path) throws DriverException {
        gate.enter(host.address(), SimulatorAction.RELEASE_STORAGE);
    }

    @Override
    public void ensureImageCached(HostEndpoint host, ImageSource image, String cachePath) throws DriverException {
        Machine m = gate.enter(host.address(), SimulatorAction.CACHE_IMAGE, cachePath);
        SimulatedFile present = m.file(cachePath);
        if (present != null && present.sha256().equals(image.sha256())) {
            return;
        }
        long size = 0;
        String sha;
        try (InputStream in = backupStorages.get(image.backupStorage().type()).open(image.backupStorage(),
                image.path());
                DigestInputStream din = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = din.read(buf)) > 0;) {
                size += n;
            }
            sha = HexFormat.of().formatHex(din.getMessageDigest().digest());
        } catch (IOException e) {
            throw new DriverException("reading " + image.path() + " failed: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!sha.equals(image.sha256())) {
            throw new DriverException("the copy of " + image.path() + " on " + host.address() + " has SHA-256 " + sha
                    + " but the image has " + image.sha256());
        }
        files.put(m.call(), cachePath, new SimulatedFile(null, size, sha, image.format(), size, null));
        machines.countImageCopy(m.call());
    }

    @Override
    public VolumeInfo createRootVolume(HostEndpoint host, String cachePath, String volumePath, long sizeBytes)
            throws DriverException {
        Machine m = gate.enter(host.address(), SimulatorAction.CREATE_VOLUME, cachePath, volumePath);
        SimulatedFile existing = m.file(volumePath);
        if (existing != null) {
            return existingVolume(host, cachePath, volumePath, existing);
        }
        SimulatedFile cache = m.file(cachePath);
        if (cache == null) {
            throw new DriverException("backing file " + cachePath + " is missing on " + host.address());
        }
        if (IscsiLocation.isIscsi(volumePath)) { // the image is written onto the LUN: no backing file
            SimulatedFile lun = new SimulatedFile(null, sizeBytes, "", "raw", Math.max(sizeBytes,
                    cache.virtualSizeBytes()), null);
            files.put(m.call(), volumePath, lun);
            return info(volumePath, lun);
        }
        SimulatedFile v = new SimulatedFile(null, EMPTY_QCOW2_BYTES, "", "qcow2",
                Math.max(sizeBytes, cache.virtualSizeBytes()), cachePath);
        if (!files.create(m.call(), volumePath, v)) {
            // a concurrent call (a retry on another worker) made it first
            return existingVolume(host, cachePath, volumePath, files.get(m.call(), volumePath).orElseThrow());
        }
        return info(volumePath, v);
    }

    /** Creating a volume that exists succeeds when it is the same linked clone (a retry), and fails otherwise. */
    private static VolumeInfo existingVolume(HostEndpoint host, String cachePath, String volumePath,
            SimulatedFile existing) throws DriverException {
        if (cachePath.equals(existing.backingFile())) {
            return info(volumePath, existing);
        }
        throw new DriverException("a different file already exists at " + volumePath + " on " + host.address());
    }

    @Override
    public VolumeInfo createDataVolume(HostEndpoint host, String volumePath, long sizeBytes) throws DriverException {
        Machine m = gate.enter(host.address(), SimulatorAction.CREATE_VOLUME, volumePath);
        if (IscsiLocation.isIscsi(volumePath)) { // the LUN, zeroed
            SimulatedFile lun = new SimulatedFile(null, sizeBytes, "", "raw", sizeBytes, null);
            files.put(m.call(), volumePath, lun);
            return info(volumePath, lun);
        }
        SimulatedFile v = new SimulatedFile(null, EMPTY_QCOW2_BYTES, "", "qcow2", sizeBytes, null);
        if (!files.create(m.call(), volumePath, v)) {
            SimulatedFile existing = files.get(m.call(), volumePath).orElseThrow();
            if (!"qcow2".equals(existing.format()) || existing.backingFile() != null) {
                throw new DriverException("a different file already exists at " + volumePath + " on "
                        + host.address());
            }
            return info(volumePath, existing);
        }
        return info(volumePath, v);
    }

    @Override
    public VolumeInfo resizeVolume(HostEndpoint host, String volumePath, long sizeBytes) throws DriverException {
        Machine m = gate.enter(host.address(), SimulatorAction.RESIZE_VOLUME, volumePath);
        refuseLun(volumePath);
        SimulatedFile f = m.file(volumePath);
        if (f == null) {
            throw new DriverException("volume " + volumePath + " is missing on " + host.address());
        }
        if (f.virtualSizeBytes() != sizeBytes) {
            f = new SimulatedFile(f.content(), f.sizeBytes(), f.sha256(), f.format(), sizeBytes, f.backingFile());
            files.put(m.call(), volumePath, f);
        }
        return info(volumePath, f);
    }

    @Override
    public void deleteVolume(HostEndpoint host, String volumePath) throws DriverException {
        files.delete(gate.enter(host.address(), SimulatorAction.DELETE_VOLUME).call(), volumePath,
                volumePath + ".part");
    }

    @Override
    public void deleteCachedImage(HostEndpoint host, String cachePath) throws DriverException {
        files.delete(gate.enter(host.address(), SimulatorAction.DELETE_CACHED_IMAGE).call(), cachePath,
                cachePath + ".part");
    }

    @Override
    public void createSnapshot(HostEndpoint host, String volumePath, String tag, String vmId)
            throws DriverException {
        Machine m = gate.enter(host.address(), SimulatorAction.SNAPSHOT_CREATE, volumePath);
        refuseLun(volumePath);
        snapshots.create(m.call(), volumePath, tag, volume(m, host, volumePath).virtualSizeBytes());
    }

    @Override
    public void deleteSnapshot(HostEndpoint host, String volumePath, String tag, String vmId)
            throws DriverException {
        Machine m = gate.enter(host.address(), SimulatorAction.SNAPSHOT_DELETE);
        snapshots.delete(m.call(), volumePath, tag);
    }

    @Override
    public void revertSnapshot(HostEndpoint host, String volumePath, String tag, String vmId)
            throws DriverException {
        Machine m = gate.enter(host.address(), SimulatorAction.SNAPSHOT_REVERT, volumePath);
        SimulatedFile f = volume(m, host, volumePath);
        if (vmId != null && domains.get(m.call(), vmId).map(d -> d.state() == VmPowerState.Running
                || d.state() == VmPowerState.Paused).orElse(false)) {
            throw new DriverException("cannot revert " + volumePath + " on " + host.address() + ": VM nubis-" + vmId
                    + " is running");
        }
        long size = snapshots.size(m.call(), volumePath, tag).orElseThrow(() -> new DriverException(
                "volume " + volumePath + " on " + host.address() + " has no snapshot " + tag));
        files.put(m.call(), volumePath,
                new SimulatedFile(f.content(), f.sizeBytes(), f.sha256(), f.format(), size, f.backingFile()));
    }

    @Override
    public VolumeInfo copySnapshot(HostEndpoint host, String volumePath, String tag, String targetPath)
            throws DriverException {
        Machine m = gate.enter(host.address(), SimulatorAction.SNAPSHOT_COPY, volumePath, targetPath);
        SimulatedFile there = m.file(targetPath);
        if (there != null) {
            return info(targetPath, there);
        }
        SimulatedFile f = volume(m, host, volumePath);
        if (tag != null && snapshots.size(m.call(), volumePath, tag).isEmpty()) {
            throw new DriverException("volume " + volumePath + " on " + host.address() + " has no snapshot " + tag);
        }
        SimulatedFile copy = new SimulatedFile(null, EMPTY_QCOW2_BYTES, "", "qcow2", f.virtualSizeBytes(), null);
        files.put(m.call(), targetPath, copy);
        return info(targetPath, copy);
    }

    /** The file's bytes; a volume (metadata only) reads as a small qcow2 of its virtual size. */
    @Override
    public InputStream openFile(HostEndpoint host, String path) throws DriverException {
        Machine m = gate.enter(host.address(), SimulatorAction.OPEN_FILE, path);
        SimulatedFile f = m.file(path);
        if (f == null) {
            throw new DriverException(path + " is missing on " + host.address());
        }
        byte[] bytes = files.content(m.call(), path).orElse(null);
        return new java.io.ByteArrayInputStream(
                bytes != null ? bytes : SimulatedImages.qcow2(f.virtualSizeBytes(), host.address() + path));
    }

    @Override
    public java.util.List<String> snapshots(HostEndpoint host, String volumePath) throws DriverException {
        // a read for checks: no call of an action a test could have scripted to fail
        return snapshots.tags(Call.control(host.address()), volumePath);
    }

    /** iSCSI volumes are whole LUNs: no snapshots, no other size (the storage service refuses both first). */
    private static void refuseLun(String volumePath) throws DriverException {
        if (IscsiLocation.isIscsi(volumePath)) {
            throw new DriverException("an iSCSI volume is a whole LUN: no snapshots, no resizing (" + volumePath + ")");
        }
    }

    private static SimulatedFile volume(Machine m, HostEndpoint host, String path) throws DriverException {
        SimulatedFile f = m.file(path);
        if (f == null) {
            throw new DriverException("volume " + path + " is missing on " + host.address());
        }
        return f;
    }

    private static VolumeInfo info(String path, SimulatedFile f) {
        return new VolumeInfo(path, f.format(), f.virtualSizeBytes(), f.sizeBytes());
    }
}
