package io.nubis.compute;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code host.reconnect}: connect an existing host again and re-read its capacity. Success: Connected. Failure:
 * Disconnected with the reason; the pinger tries again later.
 */
@ApplicationScoped
public class HostReconnectWorkflow implements Workflow {

    public static final String TYPE = "host.reconnect";

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
        lifecycle.markDisconnected(ctx.resourceId(), error);
    }
}
