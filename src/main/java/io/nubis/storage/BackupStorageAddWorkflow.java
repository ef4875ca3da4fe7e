package io.nubis.storage;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code backupstorage.add}: connect a new backup storage (pin its host key, create {@code <root>/images}) and record
 * its capacity. Success: Connected. Failure: the store was never usable, so its row is removed (the job keeps the
 * error).
 */
@ApplicationScoped
public class BackupStorageAddWorkflow implements Workflow {

    public static final String TYPE = "backupstorage.add";

    @Inject
    BackupStorageLifecycle lifecycle;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return lifecycle.connectSteps();
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        lifecycle.markConnected(ctx.resourceId());
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        BackupStorage.deleteById(ctx.resourceId());
    }
}
