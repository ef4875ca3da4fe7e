package io.nubis.compute;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code host.add}: connect a new host and record its capacity. Success: Connected. Failure: the host was never usable,
 * so its row is removed (the job keeps the error and the host's name).
 */
@ApplicationScoped
public class HostAddWorkflow implements Workflow {

    public static final String TYPE = "host.add";

    @Inject
    HostConnectSteps connect;
    @Inject
    HostLifecycle lifecycle;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return connect.steps();
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        lifecycle.markConnected(ctx.resourceId());
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        if (ctx.rolledBack()) {
            Host.deleteById(ctx.resourceId());
        } else {
            // the clean-up did not finish: keep the host (Disconnected) for a retry from the needs-attention list
            lifecycle.markDisconnected(ctx.resourceId(), error);
        }
    }
}
