package io.nubis.compute;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * {@code host.maintenance}: the host is PreMaintenance (no new VMs) while its VMs are moved away, then Maintenance.
 * Nubis has no VM instances yet, so the drain step only confirms that; live migration joins it with the VM issue.
 * Failure: the host goes back to Enabled.
 */
@ApplicationScoped
public class HostMaintenanceWorkflow implements Workflow {

    public static final String TYPE = "host.maintenance";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("drain", c -> c.info("no VM instances to move off this host")));
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        setState(ctx.resourceId(), HostState.Maintenance);
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        setState(ctx.resourceId(), HostState.Enabled);
    }

    private static void setState(String hostId, HostState state) {
        Host h = Host.findById(hostId);
        if (h != null && h.state == HostState.PreMaintenance) {
            h.state = state;
            h.updatedAt = Instant.now();
        }
    }
}
