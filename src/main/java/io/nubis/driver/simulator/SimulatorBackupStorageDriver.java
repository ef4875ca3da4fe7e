package io.nubis.driver.simulator;

import io.nubis.driver.BackupStorageDriver;
import io.nubis.driver.BackupStorageEndpoint;
import io.nubis.driver.BackupStorageFacts;
import io.nubis.driver.DriverException;
import io.nubis.driver.ImageFileInfo;
import io.nubis.driver.ImportSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@link BackupStorageDriver} over simulated stores, keyed by address like the simulated hosts, their images kept as
 * rows with their bytes ({@link FileStore}). Keeps the semantics a real one must keep: imports land under a temporary
 * name, are inspected (format told by content, not by name), checked against the declared format and only then renamed;
 * a failure leaves no file (a server killed half-way leaves the {@code .part} file, as on a real store, which
 * {@link #delete} removes too). URL imports get small synthetic images whose format follows the URL's extension;
 * uploads keep the uploaded bytes, at most {@link #MAX_UPLOAD_BYTES} (the simulator is for small images). Every call
 * takes {@code nubis.simulator.latency} and can be scripted to fail ({@code BS_*} actions).
 */
@ApplicationScoped
public class SimulatorBackupStorageDriver implements BackupStorageDriver {

    public static final String TYPE = "Simulator";
    /** Largest upload a simulated store keeps (its bytes are a database row). */
    public static final int MAX_UPLOAD_BYTES = 8 << 20;

    @Inject
    CallGate gate;
    @Inject
    MachineStore machines;
    @Inject
    FileStore files;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public BackupStorageFacts connect(BackupStorageEndpoint bs) throws DriverException {
        Machine m = gate.enter(bs.address(), SimulatorAction.BS_CONNECT);
        return new BackupStorageFacts(m.storageBytes(), m.storageBytes() - machines.usedBytes(m.call()), null);
    }

    @Override
    public ImageFileInfo importImage(BackupStorageEndpoint bs, ImportSource source, String targetPath,
            String expectedFormat) throws DriverException {
        Machine m = gate.enter(bs.address(), SimulatorAction.BS_IMPORT);
        if (source.kind() == ImportSource.Kind.PATH && source.allowedFolders().stream()
                .noneMatch(f -> source.location().startsWith(f + "/"))) {
            // simulated files have no links: the path as given is the resolved one
            throw new DriverException("import of " + source.location() + " refused: outside the import folders "
                    + source.allowedFolders(),
                    "the file does not exist or the path is not inside an import folder"
                            + " of this backup storage");
        }
        return place(m.call(), SimulatedImages.synthetic(source.location()), targetPath, expectedFormat);
    }

    @Override
    public ImageFileInfo upload(BackupStorageEndpoint bs, InputStream content, String targetPath,
            String expectedFormat) throws DriverException {
        Machine m = gate.enter(bs.address(), SimulatorAction.BS_UPLOAD);
        byte[] bytes;
        try {
            bytes = content.readNBytes(MAX_UPLOAD_BYTES + 1);
        } catch (IOException e) {
            throw new DriverException("reading the upload failed: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_UPLOAD_BYTES) {
            throw new DriverException("the simulated backup storage " + bs.address() + " keeps images of at most "
                    + MAX_UPLOAD_BYTES + " bytes");
        }
        return place(m.call(), bytes, targetPath, expectedFormat);
    }

    private ImageFileInfo place(Call call, byte[] content, String targetPath, String expectedFormat)
            throws DriverException {
        String tmp = targetPath + ".part";
        String format = SimulatedImages.detect(content);
        SimulatedFile f = new SimulatedFile(content, content.length, SimulatedImages.sha256(content), format,
                SimulatedImages.virtualSize(content, format), null);
        files.put(call, tmp, f);
        if (expectedFormat != null && !expectedFormat.equals(format)) {
            files.delete(call, tmp);
            String why = "the image was declared as " + expectedFormat + " but its content is " + format;
            throw new DriverException(why, why); // about the file only: tenants may read it
        }
        files.rename(call, tmp, targetPath);
        return new ImageFileInfo(format, f.sizeBytes(), f.virtualSizeBytes(), f.sha256());
    }

    @Override
    public InputStream open(BackupStorageEndpoint bs, String path) throws DriverException {
        Call call = gate.enter(bs.address(), SimulatorAction.BS_OPEN).call();
        byte[] content = files.content(call, path).orElseThrow(
                () -> new DriverException("no image file " + path + " on backup storage " + bs.address()));
        return new ByteArrayInputStream(content);
    }

    @Override
    public void delete(BackupStorageEndpoint bs, String path) throws DriverException {
        files.delete(gate.enter(bs.address(), SimulatorAction.BS_DELETE).call(), path, path + ".part");
    }
}
