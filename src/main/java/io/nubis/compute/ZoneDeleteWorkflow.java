package io.nubis.compute;

import io.nubis.job.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * {@code zone.delete} (cascade): release every host of the zone in its driver, then remove hosts, clusters and the zone
 * in the final transaction. Failure: the zone and its clusters are Enabled again, nothing removed.
 */
@ApplicationScoped
public class ZoneDeleteWorkflow extends InventoryDeleteWorkflow {

    public static final String TYPE = "zone.delete";

    ZoneDeleteWorkflow() {
        super(TYPE, "zoneId");
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
