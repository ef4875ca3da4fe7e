package io.nubis.vm;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code vm.destroy}: power the VM off and undefine it, remove its NICs' filters, take them out of their security
 * groups (the groups naming those get their peer sets rewritten by jobs of their own), delete its root volume, release
 * its IPs (and take DHCP off the host when no other VM there needs it), return its host capacity. Its data volumes
 * stay, detached, unless param {@code deleteVolumes} is true: then they are deleted too (files, rows and reservations),
 * once the domain is gone. Every step is idempotent and forward-only (there is nothing to roll back to); a failed
 * destroy leaves the VM in its earlier state with the reason, and destroying it again finishes the job. Success:
 * Destroyed (kept for history).
 */
@ApplicationScoped
public class VmDestroyWorkflow implements Workflow {

    public static final String TYPE = "vm.destroy";
    /** Param: "true" when the VM's data volumes go with it. */
    static final String DELETE_VOLUMES = "deleteVolumes";

    @Inject
    VmCreateSteps steps;
    @Inject
    VmLifecycle lifecycle;
    @Inject
    VmPlacement placement;
    @Inject
    io.nubis.storage.DataVolumeService dataVolumes;
    @Inject
    io.nubis.securitygroup.SecurityGroups securityGroups;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("destroy-domain", steps::undefine),
                Step.of("leave-security-groups", c -> securityGroups.forgetVm(c.resourceId())),
                Step.of("delete-volumes", steps::deleteRootVolume),
                Step.of("delete-data-volumes", c -> {
                    if (Boolean.parseBoolean(c.param(DELETE_VOLUMES))) {
                        dataVolumes.deleteAllOf(c.resourceId());
                    }
                }),
                Step.of("unplug-networks", steps::unplugNetworks), Step.of("release-ips", steps::releaseIps),
                Step.of("release-host", c -> placement.release(c.resourceId())));
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        lifecycle.setState(ctx.resourceId(), VmState.Destroyed, null);
        dataVolumes.detachAllFrom(ctx.resourceId()); // they stay, detached: a tenant deletes them on purpose
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        lifecycle.setState(ctx.resourceId(), VmState.valueOf(ctx.param("from")), error, ctx.publicError());
    }
}
