package io.nubis.storage;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code volume.delete} (issue 8): deletes a detached data volume's file on its host, then its row and reservation in
 * the final transaction. The one step is idempotent and forward-only (a deleted file cannot come back): a failed delete
 * leaves the volume Ready with its file, and deleting it again finishes the job.
 */
@ApplicationScoped
public class VolumeDeleteWorkflow implements Workflow {

    public static final String TYPE = "volume.delete";

    @Inject
    DataVolumeService volumes;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("delete-file", c -> volumes.deleteFile(c.resourceId())));
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        volumes.finishDelete(ctx.resourceId(), true);
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        volumes.finishDelete(ctx.resourceId(), false);
    }
}
