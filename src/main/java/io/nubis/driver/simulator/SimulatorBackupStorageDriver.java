package io.nubis.driver.simulator;

import io.nubis.driver.BackupStorageDriver;
import io.nubis.driver.BackupStorageEndpoint;
import io.nubis.driver.BackupStorageFacts;
import io.nubis.driver.DriverException;
import io.nubis.driver.ImageFileInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@link BackupStorageDriver} over in-memory stores, keyed by address like the simulated hosts. Keeps the semantics a
 * real one must keep: imports land under a temporary name, are inspected (format told by content, not by name), checked
 * against the declared format and only then renamed; a failure leaves no file. URL imports get small synthetic images
 * whose format follows the URL's extension; uploads keep the uploaded bytes (the simulator is for small images). Every
 * call takes {@code nubis.simulator.latency} and can be scripted to fail ({@code BS_*} actions).
 */
@ApplicationScoped
public class SimulatorBackupStorageDriver implements BackupStorageDriver {

    public static final String TYPE = "Simulator";

    @Inject
    SimulatorControl control;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public BackupStorageFacts connect(BackupStorageEndpoint bs) throws DriverException {
        SimulatedHost h = control.call(bs.address(), SimulatorAction.BS_CONNECT);
        return new BackupStorageFacts(h.storageBytes, h.storageBytes - h.usedBytes(), null);
    }

    @Override
    public ImageFileInfo importFromUrl(BackupStorageEndpoint bs, String url, String targetPath,
            String expectedFormat) throws DriverException {
        SimulatedHost h = control.call(bs.address(), SimulatorAction.BS_IMPORT);
        return place(h, SimulatedImages.synthetic(url), targetPath, expectedFormat);
    }

    @Override
    public ImageFileInfo upload(BackupStorageEndpoint bs, InputStream content, String targetPath,
            String expectedFormat) throws DriverException {
        SimulatedHost h = control.call(bs.address(), SimulatorAction.BS_UPLOAD);
        try {
            return place(h, content.readAllBytes(), targetPath, expectedFormat);
        } catch (IOException e) {
            throw new DriverException("reading the upload failed: " + e.getMessage(), e);
        }
    }

    private static ImageFileInfo place(SimulatedHost h, byte[] content, String targetPath, String expectedFormat)
            throws DriverException {
        String tmp = targetPath + ".part";
        String format = SimulatedImages.detect(content);
        SimulatedFile f = new SimulatedFile(content, content.length, SimulatedImages.sha256(content), format,
                SimulatedImages.virtualSize(content, format), null);
        h.files.put(tmp, f);
        if (expectedFormat != null && !expectedFormat.equals(format)) {
            h.files.remove(tmp);
            String why = "the image was declared as " + expectedFormat + " but its content is " + format;
            throw new DriverException(why, why); // about the file only: tenants may read it
        }
        h.files.put(targetPath, h.files.remove(tmp));
        return new ImageFileInfo(format, f.sizeBytes(), f.virtualSizeBytes(), f.sha256());
    }

    @Override
    public InputStream open(BackupStorageEndpoint bs, String path) throws DriverException {
        SimulatedHost h = control.call(bs.address(), SimulatorAction.BS_OPEN);
        SimulatedFile f = h.files.get(path);
        if (f == null || f.content() == null) {
            throw new DriverException("no image file " + path + " on backup storage " + bs.address());
        }
        return new ByteArrayInputStream(f.content());
    }

    @Override
    public void delete(BackupStorageEndpoint bs, String path) throws DriverException {
        SimulatedHost h = control.call(bs.address(), SimulatorAction.BS_DELETE);
        h.files.remove(path);
        h.files.remove(path + ".part");
    }
}
