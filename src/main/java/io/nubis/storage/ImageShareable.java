package io.nubis.storage;

import io.nubis.iam.Accounts;
import io.nubis.iam.EntityShareable;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Text;
import jakarta.enterprise.context.ApplicationScoped;

/** Admins' images are shareable with every account or with chosen ones; tenants' images are not. */
@ApplicationScoped
public class ImageShareable extends EntityShareable<Image> {

    public ImageShareable() {
        super(ImageService.TYPE, Image.class, i -> i.name, i -> i.shared, (i, all) -> i.shared = all);
    }

    @Override
    protected void checkShareable(Image img) {
        if (!Accounts.ADMIN_ID.equals(img.accountId)) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_image_not_shareable()));
        }
    }
}
