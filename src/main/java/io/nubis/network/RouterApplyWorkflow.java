package io.nubis.network;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code router.apply}: sets a router up from the database again after its rules changed (an elastic IP attached or
 * detached, a port forward added or removed). The rule set is replaced in one atomic change, so other flows are not
 * touched. Rollback has nothing to undo: the database already says what the router must do, and the reconciler applies
 * it again if this job fails.
 */
@ApplicationScoped
public class RouterApplyWorkflow implements Workflow {

    public static final String TYPE = "router.apply";

    @Inject
    RouterStore store;
    @Inject
    RouterService routers;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("apply", this::apply));
    }

    private void apply(JobContext ctx) throws Exception {
        VirtualRouter r = store.byId(ctx.resourceId()).orElse(null);
        if (r == null || r.state == RouterState.Deleting) {
            ctx.warn("the router is gone: nothing to apply");
            return;
        }
        routers.apply(r.id);
        ctx.info("rules applied");
    }
}
