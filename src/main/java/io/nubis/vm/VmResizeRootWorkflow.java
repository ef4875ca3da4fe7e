package io.nubis.vm;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import io.nubis.storage.VolumeService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code vm.resize-root} (issue 8): grows a VM's root volume. One step through storage's face
 * ({@link VolumeService#growVolume}: the new size and its reservation in one transaction, then the disk: in the running
 * VM at once with {@code virsh blockresize}, or the file of a stopped one); its rollback
 * ({@link VolumeService#undoGrowth}) reads what was done from the volume row and the file, so a crash at any point is
 * undone (a rollback after a live growth cannot shrink a file the running VM holds: it fails and lands in the
 * needs-attention list). The VM is Resizing meanwhile (no other action) and in its earlier state again at the end, with
 * the reason when it failed. Params: {@code volumeId}, {@code sizeBytes} (new), {@code fromBytes} (old), {@code from}
 * (the VM's state).
 */
@ApplicationScoped
public class VmResizeRootWorkflow implements Workflow {

    public static final String TYPE = "vm.resize-root";

    @Inject
    VolumeService volumes;
    @Inject
    VmLifecycle lifecycle;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("grow-root-volume", c -> grow(c, "vda"),
                c -> volumes.undoGrowth(c.param("volumeId"), Long.parseLong(c.param("fromBytes")))));
    }

    /**
     * Grows the volume at {@code target} of the VM: in the running VM at once ({@code VmDriver.growDisk}), or the file
     * when the VM is not running. Shared with {@code vm.resize-volume}.
     */
    void grow(JobContext ctx, String target) throws Exception {
        VmLifecycle.Placement p = lifecycle.placement(ctx.resourceId());
        volumes.growVolume(ctx.param("volumeId"), Long.parseLong(ctx.param("sizeBytes")),
                (path, size) -> p.driver().growDisk(p.host(), p.vmId(), target, path, size));
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        lifecycle.setState(ctx.resourceId(), VmState.valueOf(ctx.param("from")), null);
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        lifecycle.setState(ctx.resourceId(), VmState.valueOf(ctx.param("from")), error, ctx.publicError());
    }
}
