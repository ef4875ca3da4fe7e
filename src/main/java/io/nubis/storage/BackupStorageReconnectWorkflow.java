package io.nubis.storage;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** {@code backupstorage.reconnect}: connect again and re-read capacity. Failure: Disconnected with the reason. */
@ApplicationScoped
public class BackupStorageReconnectWorkflow implements Workflow {

    public static final String TYPE = "backupstorage.reconnect";

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
        lifecycle.markDisconnected(ctx.resourceId(), error);
    }
}
