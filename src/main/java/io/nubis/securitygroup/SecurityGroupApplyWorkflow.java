package io.nubis.securitygroup;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code security-group.apply}: rewrites the filters of every NIC a change of the group affects, from the database as
 * it is when the step runs (so a later change never loses to an earlier job). Rollback has nothing to undo: the
 * database already says what the hosts must do; a host that misses it gets its filters again when it reconnects.
 */
@ApplicationScoped
public class SecurityGroupApplyWorkflow implements Workflow {

    public static final String TYPE = "security-group.apply";

    @Inject
    Instance<NicOwner> owner;
    @Inject
    SecurityGroupApply apply;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("apply", this::apply));
    }

    private void apply(JobContext ctx) throws Exception {
        String extra = ctx.param(SecurityGroupApply.NICS);
        Set<String> nics = apply.affectedNow(ctx.resourceId(),
                extra == null || extra.isBlank() ? List.of() : Arrays.asList(extra.split(",")));
        owner.get().refresh(nics);
        ctx.info(nics.size() + " network interface(s) updated");
    }
}
