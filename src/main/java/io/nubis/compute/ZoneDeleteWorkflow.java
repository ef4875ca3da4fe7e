package io.nubis.compute;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * {@code zone.delete} (cascade): release every host of the zone in its driver, then remove hosts, clusters and the zone
 * in the final transaction. Failure: the zone and its clusters are Enabled again, nothing removed.
 */
@ApplicationScoped
public class ZoneDeleteWorkflow implements Workflow {

    public static final String TYPE = "zone.delete";

    @Inject
    HostLifecycle lifecycle;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("disconnect-hosts", c -> {
            for (HostLifecycle.Target t : lifecycle.targetsOf("zoneId", c.resourceId())) {
                t.driver().disconnect(t.endpoint());
                c.info("released host " + t.endpoint().address());
            }
        }));
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        lifecycle.deleteHosts("zoneId", ctx.resourceId());
        Cluster.delete("zoneId", ctx.resourceId());
        Zone.deleteById(ctx.resourceId());
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        Instant now = Instant.now();
        Cluster.update("state = ?1, updatedAt = ?2 where zoneId = ?3 and state = ?4", ZoneState.Enabled, now,
                ctx.resourceId(), ZoneState.Deleting);
        Zone.update("state = ?1, updatedAt = ?2 where id = ?3 and state = ?4", ZoneState.Enabled, now,
                ctx.resourceId(), ZoneState.Deleting);
    }
}
