package io.nubis.compute;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * {@code cluster.delete} (cascade): release every host of the cluster in its driver, then remove the hosts and the
 * cluster in the final transaction. Failure: the cluster is Enabled again, with all its hosts.
 */
@ApplicationScoped
public class ClusterDeleteWorkflow implements Workflow {

    public static final String TYPE = "cluster.delete";

    @Inject
    HostLifecycle lifecycle;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("disconnect-hosts", c -> {
            for (HostLifecycle.Target t : lifecycle.targetsOf("clusterId", c.resourceId())) {
                t.driver().disconnect(t.endpoint());
                c.info("released host " + t.endpoint().address());
            }
        }));
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        lifecycle.deleteHosts("clusterId", ctx.resourceId());
        Cluster.deleteById(ctx.resourceId());
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        Cluster c = Cluster.findById(ctx.resourceId());
        if (c != null && c.state == ZoneState.Deleting) {
            c.state = ZoneState.Enabled;
            c.updatedAt = Instant.now();
        }
    }
}
