package io.nubis.storage;

import io.nubis.driver.BackupStorageDriver;
import io.nubis.driver.BackupStorageDrivers;
import io.nubis.driver.BackupStorageEndpoint;
import io.nubis.driver.DriverException;
import io.nubis.driver.ImageFileInfo;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Image transitions the {@code image.*} workflows and uploads make, each in its own short transaction. */
@ApplicationScoped
public class ImageLifecycle {

    /** Where an image's file lives and how to reach it. */
    public record Location(String imageId, String path, String format, BackupStorageEndpoint endpoint,
            BackupStorageDriver driver, List<String> importFolders) {
    }

    @Inject
    SecretBox secrets;
    @Inject
    BackupStorageDrivers drivers;

    @Transactional
    public Location location(String imageId) throws DriverException {
        Image img = Image.findById(imageId);
        if (img == null) {
            throw new NotFoundException(ImageService.TYPE, imageId);
        }
        BackupStorage bs = BackupStorageService.find(img.backupStorageId);
        return new Location(img.id, img.path, img.format, bs.endpoint(secrets), drivers.get(bs.type),
                ImportFolders.parse(bs.importFolders));
    }

    /** Where a copy of the image on another store lives (issue 12). */
    @Transactional
    public Location copyLocation(String imageId, ImageCopies.Copy copy) throws DriverException {
        Image img = Image.findById(imageId);
        BackupStorage bs = BackupStorageService.find(copy.backupStorageId());
        return new Location(imageId, copy.path(), img == null ? null : img.format, bs.endpoint(secrets),
                drivers.get(bs.type), ImportFolders.parse(bs.importFolders));
    }

    static void ready(Image img, ImageFileInfo info) {
        img.status = ImageStatus.Ready;
        img.statusReason = null;
        img.statusReasonPublic = null;
        img.format = info.format();
        img.sizeBytes = info.sizeBytes();
        img.virtualSizeBytes = info.virtualSizeBytes();
        img.sha256 = info.sha256();
        img.updatedAt = Instant.now();
    }

    /** Call inside a job's final transaction. */
    void markReady(String imageId, ImageFileInfo info) {
        Image img = Image.findById(imageId);
        if (img != null) {
            ready(img, info);
        }
    }

    /**
     * Call inside a job's final transaction: {@code reason} for admins, {@code publicReason} (a failed job's
     * {@link io.nubis.job.JobContext#publicError()}) for everyone else.
     */
    void markError(String imageId, String reason, String publicReason) {
        Image img = Image.findById(imageId);
        if (img != null) {
            img.status = ImageStatus.Error;
            img.statusReason = cut(reason);
            img.statusReasonPublic = cut(publicReason);
            img.updatedAt = Instant.now();
        }
    }

    private static String cut(String reason) {
        return reason == null || reason.length() <= 1024 ? reason : reason.substring(0, 1024);
    }
}
