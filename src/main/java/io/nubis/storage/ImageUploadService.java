package io.nubis.storage;

import io.nubis.driver.DriverException;
import io.nubis.driver.ImageFileInfo;
import io.nubis.iam.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;

/**
 * Uploads: the request body is streamed to the backup storage while the request runs (an upload cannot wait for a job
 * worker), outside any transaction. The image row is written first (Downloading), then either made Ready or removed
 * again: a failed upload leaves no image and no file.
 */
@ApplicationScoped
public class ImageUploadService {

    @Inject
    ImageService images;
    @Inject
    ImageLifecycle lifecycle;

    public ImageView upload(Caller caller, ImageInput in, InputStream content) {
        ImageView started = images.beginUpload(caller, in);
        ImageFileInfo info;
        try {
            ImageLifecycle.Location l = lifecycle.location(started.id());
            info = l.driver().upload(l.endpoint(), content, l.path(), l.format());
        } catch (DriverException | RuntimeException e) {
            images.finishUpload(caller, started.id(), null, e.getMessage());
            throw new ImageUploadFailedException(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        images.finishUpload(caller, started.id(), info, null);
        return images.get(caller, started.id());
    }
}
