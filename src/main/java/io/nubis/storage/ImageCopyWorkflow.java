package io.nubis.storage;

import io.nubis.driver.BackupStorageDriver;
import io.nubis.driver.BackupStorageDrivers;
import io.nubis.driver.BackupStorageEndpoint;
import io.nubis.driver.DriverException;
import io.nubis.driver.ImageFileInfo;
import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import io.nubis.platform.SecretBox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code image.copy} (issue 12): the image gets a byte-identical copy on another backup storage (param
 * {@code backupStorageId}), so it lives on several stores and serves the zones of each. {@code record-copy} records the
 * copy (Copying, with its path) before anything is written; {@code copy} streams the file from the image's store
 * through the management server into the other store (the store's own upload: {@code .part}, format check, checksum,
 * rename) and marks it Ready only when the SHA-256 matches the image's. Rollback: the copy's file and row go.
 */
@ApplicationScoped
public class ImageCopyWorkflow implements Workflow {

    public static final String TYPE = "image.copy";
    static final String TARGET = "backupStorageId";

    @Inject
    ImageLifecycle lifecycle;
    @Inject
    ImageCopies copies;
    @Inject
    SecretBox secrets;
    @Inject
    BackupStorageDrivers drivers;

    /** Where the copy goes: the store's endpoint and driver, the path, and the image's format and checksum. */
    record Target(BackupStorageEndpoint endpoint, BackupStorageDriver driver, String path, String format,
            String sha256) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("record-copy", c -> copies.begin(c.resourceId(), c.param(TARGET), target(c).path()),
                this::removeCopy), Step.of("copy", this::copy));
    }

    private Target target(JobContext c) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Image img = Image.findById(c.resourceId());
            if (img == null) {
                throw new io.nubis.platform.NotFoundException(ImageService.TYPE, c.resourceId());
            }
            BackupStorage bs = BackupStorageService.find(c.param(TARGET));
            return new Target(bs.endpoint(secrets), drivers.get(bs.type),
                    StoragePaths.imageOnBackupStorage(bs.rootPath, img.id, img.format), img.format, img.sha256);
        });
    }

    private void copy(JobContext c) throws DriverException {
        Target t = target(c);
        ImageLifecycle.Location from = lifecycle.location(c.resourceId());
        ImageFileInfo info;
        try (InputStream in = from.driver().open(from.endpoint(), from.path())) {
            info = t.driver().upload(t.endpoint(), in, t.path(), t.format());
        } catch (IOException e) {
            throw new DriverException("reading " + from.path() + " failed: " + e.getMessage(), e);
        }
        if (!info.sha256().equals(t.sha256())) {
            throw new DriverException("the copy at " + t.path() + " on " + t.endpoint().address() + " has SHA-256 "
                    + info.sha256() + " but the image has " + t.sha256());
        }
        copies.markReady(c.resourceId(), c.param(TARGET));
        c.info("copied to " + t.path() + " on " + t.endpoint().address() + " (" + info.sizeBytes() + " bytes)");
    }

    /**
     * {@code image.remove-copy} (issue 12): the copy's file on its store, then its row (param {@code backupStorageId}).
     * One step, idempotent (a resumed job finds what is left); nothing to roll back.
     */
    @ApplicationScoped
    public static class Remove implements Workflow {

        public static final String TYPE = "image.remove-copy";

        @Inject
        ImageCopies copies;
        @Inject
        ImageLifecycle lifecycle;

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of("remove-copy", c -> {
                var copy = copies.on(c.resourceId(), c.param(TARGET));
                if (copy.isPresent()) {
                    ImageLifecycle.Location l = lifecycle.copyLocation(c.resourceId(), copy.get());
                    l.driver().delete(l.endpoint(), l.path());
                    copies.forget(c.resourceId(), c.param(TARGET));
                    c.info("removed the copy " + copy.get().path());
                }
            }));
        }
    }

    /** Rollback of record-copy: the copy's file (if written) and its row. Idempotent. */
    private void removeCopy(JobContext c) throws DriverException {
        if (copies.on(c.resourceId(), c.param(TARGET)).isEmpty()) {
            return;
        }
        Target t = target(c);
        t.driver().delete(t.endpoint(), t.path());
        copies.forget(c.resourceId(), c.param(TARGET));
    }
}
