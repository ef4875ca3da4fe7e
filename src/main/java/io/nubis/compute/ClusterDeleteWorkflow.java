package io.nubis.compute;

import io.nubis.job.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * {@code cluster.delete} (cascade): release every host of the cluster in its driver, then remove the hosts and the
 * cluster in the final transaction. Failure: the cluster is Enabled again, with all its hosts.
 */
@ApplicationScoped
public class ClusterDeleteWorkflow extends InventoryDeleteWorkflow {

    public static final String TYPE = "cluster.delete";

    ClusterDeleteWorkflow() {
        super(TYPE, "clusterId");
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
