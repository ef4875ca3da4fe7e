package io.nubis.vm;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The CD-ROM jobs of a VM (issue 8), on the VM, which keeps its state: a running VM gets the media changed at once, a
 * stopped one in its definition ({@link io.nubis.driver.VmDriver#changeMedia}). The VM row names the ISO to be in the
 * drive from the request on (an insert) or until the job is done (an eject); param {@code previousIsoId} is what was in
 * it before ("" for nothing), for the rollback.
 */
public final class VmIsoWorkflows {

    private VmIsoWorkflows() {
    }

    abstract static class IsoWorkflow implements Workflow {

        @Inject
        VmLifecycle lifecycle;
        @Inject
        VmStore store;
        @Inject
        VmCreateSteps steps;

        /** Puts the ISO into the drive (null: ejects), on the host and in the row. */
        void put(JobContext ctx, String isoImageId) throws Exception {
            store.setIso(ctx.resourceId(), isoImageId);
            VmStore.Snapshot vm = store.snapshot(ctx.resourceId());
            VmLifecycle.Placement p = lifecycle.placement(vm);
            p.driver().changeMedia(p.host(), p.vmId(), steps.isoPath(vm));
            ctx.info(isoImageId == null ? "CD-ROM ejected" : "ISO " + isoImageId + " in the CD-ROM drive");
        }

        static String previous(JobContext ctx) {
            String prev = ctx.param("previousIsoId");
            return prev == null || prev.isEmpty() ? null : prev;
        }
    }

    /** {@code vm.insert-iso}: the ISO (param {@code isoImageId}) goes into the drive, replacing what was there. */
    @ApplicationScoped
    public static class Insert extends IsoWorkflow {

        public static final String TYPE = "vm.insert-iso";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of("insert-iso", c -> put(c, c.param("isoImageId")), c -> put(c, previous(c))));
        }
    }

    /** {@code vm.eject-iso}: the drive is emptied; the row forgets the ISO once the host did. */
    @ApplicationScoped
    public static class Eject extends IsoWorkflow {

        public static final String TYPE = "vm.eject-iso";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of("eject-iso", c -> put(c, null), c -> put(c, previous(c))));
        }
    }
}
