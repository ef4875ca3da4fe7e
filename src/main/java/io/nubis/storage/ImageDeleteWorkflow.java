package io.nubis.storage;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code image.delete}: remove the image's cached copies from the hosts (returning their space), its copies on other
 * backup storage (issue 12), then its file on the backup storage, then the row. Failure: the image is Error with the
 * reason; deleting it again retries (every step is idempotent).
 */
@ApplicationScoped
public class ImageDeleteWorkflow implements Workflow {

    public static final String TYPE = "image.delete";

    @Inject
    ImageLifecycle lifecycle;
    @Inject
    ImageCacheService caches;
    @Inject
    ImageCopies copies;
    @Inject
    io.nubis.iam.Sharing sharing;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("remove-cached-copies", c -> caches.removeAll(c.resourceId(), c)),
                Step.of("remove-copies", c -> {
                    for (ImageCopies.Copy copy : copies.of(c.resourceId())) {
                        ImageLifecycle.Location l = lifecycle.copyLocation(c.resourceId(), copy);
                        l.driver().delete(l.endpoint(), l.path());
                        copies.forget(c.resourceId(), copy.backupStorageId());
                        c.info("removed the copy " + copy.path() + " on backup storage " + copy.backupStorageId());
                    }
                }),
                Step.of("remove-file", c -> {
                    ImageLifecycle.Location l = lifecycle.location(c.resourceId());
                    l.driver().delete(l.endpoint(), l.path());
                }));
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        sharing.forget(ImageService.TYPE, ctx.resourceId());
        Image.deleteById(ctx.resourceId());
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        lifecycle.markError(ctx.resourceId(), error, ctx.publicError());
    }
}
