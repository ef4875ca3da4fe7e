package io.nubis.storage;

import io.nubis.iam.Accounts;
import io.nubis.iam.Shareable;
import io.nubis.platform.ConflictException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Text;
import jakarta.enterprise.context.ApplicationScoped;

/** Admins' images are shareable with every account or with chosen ones; tenants' images are not. */
@ApplicationScoped
public class ImageShareable implements Shareable {

    @Override
    public String type() {
        return ImageService.TYPE;
    }

    @Override
    public Shared describe(String id) {
        Image img = find(id);
        return new Shared(img.name, img.shared);
    }

    @Override
    public void setSharedWithAll(String id, boolean all) {
        find(id).shared = all;
    }

    private static Image find(String id) {
        Image img = id == null ? null : Image.findById(id);
        if (img == null) {
            throw new NotFoundException(ImageService.TYPE, id);
        }
        if (!Accounts.ADMIN_ID.equals(img.accountId)) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_image_not_shareable()));
        }
        return img;
    }
}
