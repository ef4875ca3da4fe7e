package io.nubis.vm;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import io.nubis.storage.VolumeService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code vm.resize-root} (issue 8): grows a stopped VM's root volume. One step through storage's face
 * ({@link VolumeService#growVolume}: the new size and its reservation in one transaction, then the file); its rollback
 * ({@link VolumeService#undoGrowth}) reads what was done from the volume row and the file, so a crash at any point is
 * undone. The VM is Resizing meanwhile (no start, no destroy) and Stopped again at the end, with the reason when it
 * failed. Params: {@code volumeId}, {@code sizeBytes} (new), {@code fromBytes} (old), {@code from} (the VM's state).
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
        return List.of(Step.of("grow-root-volume",
                c -> volumes.growVolume(c.param("volumeId"), Long.parseLong(c.param("sizeBytes"))),
                c -> volumes.undoGrowth(c.param("volumeId"), Long.parseLong(c.param("fromBytes")))));
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        lifecycle.setState(ctx.resourceId(), VmState.Stopped, null);
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        lifecycle.setState(ctx.resourceId(), VmState.valueOf(ctx.param("from")), error, ctx.publicError());
    }
}
