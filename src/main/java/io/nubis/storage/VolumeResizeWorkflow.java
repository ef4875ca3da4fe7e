package io.nubis.storage;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code volume.resize} (issue 8): grows a detached data volume, one step through {@link VolumeService#growVolume} (the
 * new size and its reservation in one transaction, then the file) whose rollback {@link VolumeService#undoGrowth} reads
 * what was done from the row and the file. Params as {@link DataVolumeService#growParams}.
 */
@ApplicationScoped
public class VolumeResizeWorkflow implements Workflow {

    public static final String TYPE = "volume.resize";

    @Inject
    VolumeService volumes;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(grow(volumes));
    }

    /** The grow step, shared with the VM's {@code vm.resize-volume}. */
    public static Step grow(VolumeService volumes) {
        return Step.of("grow-volume",
                c -> volumes.growVolume(c.param("volumeId"), Long.parseLong(c.param("sizeBytes"))),
                c -> volumes.undoGrowth(c.param("volumeId"), Long.parseLong(c.param("fromBytes"))));
    }
}
