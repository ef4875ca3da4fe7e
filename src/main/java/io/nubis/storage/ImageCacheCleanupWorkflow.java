package io.nubis.storage;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code primarystorage.cache-cleanup} (issue 12): removes the cached images of a primary storage nothing uses any
 * more, returning their space. One step, idempotent (a resumed job removes what is still unused), no rollback: what it
 * removed was unused, and a cache copy is made again when a VM needs it. See {@link ImageCacheService#removeUnused}.
 */
@ApplicationScoped
public class ImageCacheCleanupWorkflow implements Workflow {

    public static final String TYPE = "primarystorage.cache-cleanup";

    @Inject
    ImageCacheService caches;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("remove-unused", c -> c.info(caches.removeUnused(c.resourceId(), c)
                + " unused cached image(s) removed")));
    }
}
