package io.nubis.storage;

import io.nubis.platform.Text;
import io.nubis.platform.NubisException;

/** An upload arrived but could not be stored as an image (wrong format, store failure); nothing was kept. */
public class ImageUploadFailedException extends NubisException {

    public ImageUploadFailedException(String reason) {
        super(Text.of(StorageMessages.class, m -> m.error_upload_failed(reason)));
    }

    @Override
    public int status() {
        return 422;
    }
}
