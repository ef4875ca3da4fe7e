package io.nubis.storage;

import io.nubis.platform.Text;
import io.nubis.driver.DriverException;
import io.nubis.driver.ImageFileInfo;
import io.nubis.iam.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import org.jboss.logging.Logger;

/**
 * Uploads: the request body is streamed to the backup storage while the request runs (an upload cannot wait for a job
 * worker), outside any transaction. The image row is written first (Downloading), then either made Ready or removed
 * again: a failed upload leaves no image and no file. Why it failed is told in full to admins; a tenant (in the answer
 * and in its audit event) reads the driver's text for people or a reference, the image id, under which the server log
 * keeps the detail; never what the storage host printed.
 */
@ApplicationScoped
public class ImageUploadService {

    private static final Logger LOG = Logger.getLogger(ImageUploadService.class);

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
            String detail = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.infof("upload of image %s failed: %s", started.id(), detail);
            // the audit event is readable by the uploader's account: a tenant's keeps the tenant's text
            String told = caller.admin() ? detail : forTenant(e, started.id());
            images.finishUpload(caller, started.id(), null, told);
            throw new ImageUploadFailedException(told);
        }
        images.finishUpload(caller, started.id(), info, null);
        return images.get(caller, started.id());
    }

    private static String forTenant(Exception e, String reference) {
        if (e instanceof DriverException d && d.publicMessage().isPresent()) {
            return d.publicMessage().get();
        }
        return Text.of(StorageMessages.class, m -> m.job_upload_not_stored(reference)).english();
    }
}
