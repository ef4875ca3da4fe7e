package io.nubis.compute;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code host.delete}: release the host in its driver, then remove its row. Guests and files on the host are left
 * alone. Failure: the host is Disconnected and the pinger reconnects it.
 */
@ApplicationScoped
public class HostDeleteWorkflow implements Workflow {

    public static final String TYPE = "host.delete";

    @Inject
    HostLifecycle lifecycle;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("disconnect", c -> {
            HostLifecycle.Target t = lifecycle.target(c.resourceId());
            t.driver().disconnect(t.endpoint());
        }));
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        Host.deleteById(ctx.resourceId());
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        lifecycle.markDisconnected(ctx.resourceId(), error);
    }
}
