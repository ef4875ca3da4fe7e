package io.nubis.storage;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * {@code primarystorage.maintenance} (issue 12): the storage is PreMaintenance (no new volumes, no VM using it starts),
 * then Maintenance, when no guest with a volume on it runs any more. With {@code stopVms} (the admin's choice) the job
 * stops them first; the drain step checks again (a VM started just before) and fails naming them. Failure: the storage
 * goes back to the state it had ({@code previousState}). Leaving maintenance is a plain state change.
 */
@ApplicationScoped
public class PrimaryStorageMaintenanceWorkflow implements Workflow {

    public static final String TYPE = "primarystorage.maintenance";
    static final String STOP_VMS = "stopVms";
    static final String PREVIOUS_STATE = "previousState";

    @Inject
    @jakarta.enterprise.inject.Any
    jakarta.enterprise.inject.Instance<StorageGuests> guests;
    @Inject
    VolumeService volumes;

    @Override
    public String type() {
        return TYPE;
    }

    /** Names of the guests with a volume on the storage that run or may run. */
    List<String> activeGuests(String psId) {
        List<String> ids = volumes.guestsOn(psId);
        return guests.stream().flatMap(g -> g.activeGuests(ids).stream()).toList();
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        Step drain = Step.of("drain", c -> {
            List<String> left = activeGuests(c.resourceId());
            if (!left.isEmpty()) {
                String why = "VMs still use primary storage " + c.resourceName() + ": " + String.join(", ", left);
                throw new io.nubis.driver.DriverException(why, why);
            }
            c.info("no VM uses this storage");
        });
        if (ctx == null || !"true".equals(ctx.params().get(STOP_VMS))) {
            return List.of(drain);
        }
        // stopping is idempotent (a resumed step stops what still runs); no rollback: a stopped VM stays stopped
        return List.of(Step.of("stop-vms", c -> {
            List<String> ids = volumes.guestsOn(c.resourceId());
            for (StorageGuests g : guests) {
                g.stopGuests(ids);
            }
        }), drain);
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        setState(ctx.resourceId(), PrimaryStorage.MAINTENANCE);
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        setState(ctx.resourceId(), ctx.optionalParam(PREVIOUS_STATE).orElse(PrimaryStorage.ENABLED));
    }

    private static void setState(String psId, String state) {
        PrimaryStorage ps = PrimaryStorage.findById(psId);
        if (ps != null && PrimaryStorage.PRE_MAINTENANCE.equals(ps.state)) {
            ps.state = state;
            ps.updatedAt = Instant.now();
        }
    }
}
