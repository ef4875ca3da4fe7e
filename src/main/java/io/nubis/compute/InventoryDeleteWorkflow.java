package io.nubis.compute;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.inject.Inject;
import java.util.List;

/**
 * What a cascading zone or cluster delete does on the hosts: one step that releases every host of the zone or cluster
 * (the driver's disconnect, idempotent). The subclasses say which column selects the hosts and what the final
 * transaction deletes or restores.
 */
abstract class InventoryDeleteWorkflow implements Workflow {

    @Inject
    HostLifecycle lifecycle;

    private final String type;
    private final String hostField;

    InventoryDeleteWorkflow(String type, String hostField) {
        this.type = type;
        this.hostField = hostField;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("disconnect-hosts", c -> {
            for (HostLifecycle.Target t : lifecycle.targetsOf(hostField, c.resourceId())) {
                t.driver().disconnect(t.endpoint());
                c.info("released host " + t.endpoint().address());
            }
        }));
    }
}
