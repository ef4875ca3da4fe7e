package io.nubis.compute;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * {@code host.maintenance}: the host is PreMaintenance (no new VMs), then Maintenance. What can move moves first
 * ({@link HostGuests#evacuate}: virtual routers go to another host, running VMs on shared storage migrate live, issue
 * 12). VMs that cannot move are stopped when the admin asked for it ({@code stopVms}); otherwise the request is refused
 * while there are any, and the drain step checks again (a VM placed just before the host left Enabled, a migration that
 * failed) and fails, naming them. Failure: the host goes back to Enabled.
 */
@ApplicationScoped
public class HostMaintenanceWorkflow implements Workflow {

    public static final String TYPE = "host.maintenance";

    @jakarta.inject.Inject
    @jakarta.enterprise.inject.Any
    jakarta.enterprise.inject.Instance<HostGuests> guests;

    /** The names of the active guests no feature can move off the host (issue 12). */
    static List<String> unmovableOf(jakarta.enterprise.inject.Instance<HostGuests> guests, String hostId) {
        return guests.stream().flatMap(g -> g.unmovableGuests(hostId).stream()).toList();
    }

    /** The names of the guests every feature reports on the host. */
    static List<String> guestsOf(jakarta.enterprise.inject.Instance<HostGuests> guests, String hostId) {
        return guests.stream().flatMap(g -> g.activeGuests(hostId).stream()).toList();
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Job parameter: stop the running guests first (an admin's choice) instead of refusing while they run. */
    static final String STOP_VMS = "stopVms";

    @Override
    public List<Step> steps(JobContext ctx) {
        Step drain = Step.of("drain", c -> {
            List<String> left = guestsOf(guests, c.resourceId());
            if (!left.isEmpty()) {
                throw new HostHasVmsException(c.resourceName(), left);
            }
            c.info("no VM runs on this host");
        });
        // moving is idempotent (a resumed step moves what is still here); no rollback: what moved runs elsewhere
        Step evacuate = Step.of("evacuate", c -> {
            for (HostGuests g : guests) {
                g.evacuate(c.resourceId());
            }
        });
        if (ctx == null || !"true".equals(ctx.params().get(STOP_VMS))) {
            return List.of(evacuate, drain);
        }
        // stopping is idempotent (a resumed step stops what still runs); no rollback: a stopped VM stays stopped
        return List.of(evacuate, Step.of("stop-vms", c -> {
            for (HostGuests g : guests) {
                g.stopGuests(c.resourceId());
            }
        }), drain);
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
