package io.nubis.network;

import io.nubis.compute.HostAccess;
import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code router.recreate} (admin): takes the router off its host entirely, then sets it up again from the database. For
 * a router an admin suspects of drifting; the reconciler does the second half on its own every interval.
 */
@ApplicationScoped
public class RouterRecreateWorkflow implements Workflow {

    public static final String TYPE = "router.recreate";

    @Inject
    RouterStore store;
    @Inject
    RouterService routers;
    @Inject
    HostAccess hosts;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("remove", this::remove), Step.of("apply", this::apply));
    }

    private void remove(JobContext ctx) throws Exception {
        VirtualRouter r = store.byId(ctx.resourceId()).orElseThrow();
        routers.removeFromHost(r.id);
        ctx.info("router removed from host " + hosts.host(r.hostId).name());
    }

    private void apply(JobContext ctx) throws Exception {
        VirtualRouter r = store.byId(ctx.resourceId()).orElseThrow();
        routers.apply(r.id);
        ctx.info("router set up again with address " + store.byId(r.id).map(x -> x.publicIp).orElse("?"));
    }
}
