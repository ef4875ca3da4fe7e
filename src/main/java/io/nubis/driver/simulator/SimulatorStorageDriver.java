package io.nubis.driver.simulator;

import io.nubis.driver.BackupStorageDrivers;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.ImageSource;
import io.nubis.driver.StorageCapacity;
import io.nubis.driver.StorageDriver;
import io.nubis.driver.VolumeInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@link StorageDriver} for simulated hosts: folders and files in memory. Caching an image really reads it from its
 * backup storage (through that store's driver, which may be the SFTP one) and checks its SHA-256, so the copy and its
 * verification are exercised; the cached file and volumes keep only metadata. Capacity: the configured storage size
 * minus the files' sizes. Scriptable failures: {@code PREPARE_STORAGE}, {@code CACHE_IMAGE}, {@code CREATE_VOLUME},
 * {@code DELETE_VOLUME}, {@code DELETE_CACHED_IMAGE}, {@code RELEASE_STORAGE}.
 */
@ApplicationScoped
public class SimulatorStorageDriver implements StorageDriver {

    /** Space a fresh qcow2 linked clone takes. */
    static final long EMPTY_QCOW2_BYTES = 196_624;

    @Inject
    SimulatorControl control;
    @Inject
    BackupStorageDrivers backupStorages;

    @Override
    public String type() {
        return SimulatorHostDriver.TYPE;
    }

    @Override
    public StorageCapacity prepareLocalStorage(HostEndpoint host, String path) throws DriverException {
        SimulatedHost h = control.call(host.address(), SimulatorAction.PREPARE_STORAGE);
        return new StorageCapacity(h.storageBytes, h.storageBytes - h.usedBytes());
    }

    @Override
    public void releaseLocalStorage(HostEndpoint host, String path) throws DriverException {
        control.call(host.address(), SimulatorAction.RELEASE_STORAGE);
    }

    @Override
    public void ensureImageCached(HostEndpoint host, ImageSource image, String cachePath) throws DriverException {
        SimulatedHost h = control.call(host.address(), SimulatorAction.CACHE_IMAGE);
        SimulatedFile present = h.files.get(cachePath);
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
        h.files.put(cachePath, new SimulatedFile(null, size, sha, image.format(), size, null));
        h.imageCopies.incrementAndGet();
    }

    @Override
    public VolumeInfo createRootVolume(HostEndpoint host, String cachePath, String volumePath, long sizeBytes)
            throws DriverException {
        SimulatedHost h = control.call(host.address(), SimulatorAction.CREATE_VOLUME);
        SimulatedFile existing = h.files.get(volumePath);
        if (existing != null) {
            if (cachePath.equals(existing.backingFile())) {
                return info(volumePath, existing);
            }
            throw new DriverException("a different file already exists at " + volumePath + " on " + host.address());
        }
        SimulatedFile cache = h.files.get(cachePath);
        if (cache == null) {
            throw new DriverException("backing file " + cachePath + " is missing on " + host.address());
        }
        SimulatedFile v = new SimulatedFile(null, EMPTY_QCOW2_BYTES, "", "qcow2",
                Math.max(sizeBytes, cache.virtualSizeBytes()), cachePath);
        h.files.put(volumePath, v);
        return info(volumePath, v);
    }

    @Override
    public void deleteVolume(HostEndpoint host, String volumePath) throws DriverException {
        control.call(host.address(), SimulatorAction.DELETE_VOLUME).files.remove(volumePath);
    }

    @Override
    public void deleteCachedImage(HostEndpoint host, String cachePath) throws DriverException {
        SimulatedHost h = control.call(host.address(), SimulatorAction.DELETE_CACHED_IMAGE);
        h.files.remove(cachePath);
        h.files.remove(cachePath + ".part");
    }

    private static VolumeInfo info(String path, SimulatedFile f) {
        return new VolumeInfo(path, f.format(), f.virtualSizeBytes(), f.sizeBytes());
    }
}
