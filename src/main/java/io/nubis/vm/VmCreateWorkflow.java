package io.nubis.vm;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code vm.create}: place the VM on a host (capacity reserved under a row lock), give each NIC an IP, create the root
 * volume (primary storage prepared on the host, image copied into the host's cache once, then a linked clone) and any
 * data volumes asked for, plug the host into the VM's networks (bridge + DHCP with the NICs' static leases), then
 * confine the NICs (anti-spoofing rules, {@link VmNicFilters}) and define and start the domain. Any failure rolls back
 * what was done, in reverse: domain undefined and its NICs' rules removed, leases withdrawn, volume deleted, IPs
 * released, capacity returned; the VM row is then removed and the job keeps the reason.
 */
@ApplicationScoped
public class VmCreateWorkflow implements Workflow {

    public static final String TYPE = "vm.create";

    @Inject
    VmCreateSteps steps;
    @Inject
    VmLifecycle lifecycle;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("allocate", steps::allocate, steps::release),
                Step.of("create-root-volume", steps::createRootVolume, steps::deleteRootVolume),
                Step.when(c -> VmCreateSteps.asked(c, VmCreateSteps.DATA_DISKS), "create-data-volumes",
                        steps::createDataVolumes,
                        steps::deleteDataVolumes),
                Step.of("plug-networks", steps::plugNetworks, steps::unplugNetworks),
                Step.when(c -> VmCreateSteps.asked(c, VmCreateSteps.SECURITY_GROUPS), "join-security-groups",
                        steps::joinSecurityGroups, steps::leaveSecurityGroups),
                Step.of("start", steps::defineAndStart, steps::undefine));
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        lifecycle.setState(ctx.resourceId(), VmState.Running, null);
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        if (ctx.rolledBack()) {
            VmInstance.deleteById(ctx.resourceId());
        } else {
            // the clean-up did not finish: the row stays so a retry from the needs-attention list (or a destroy) can
            // still find the host, volume and addresses it has to release
            lifecycle.setState(ctx.resourceId(), VmState.Error, error, ctx.publicError());
        }
    }

    @Override
    public Recovery recovery() {
        return Recovery.ROLLBACK;
    }
}
