package io.nubis.vm;

import io.nubis.driver.DataDisk;
import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import io.nubis.storage.DataVolumeService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The data volume workflows of a VM (issue 8), each on the VM as its resource, so they run one at a time with its power
 * actions. The volume row was written (or marked attached) in the request's transaction, so every rollback and failure
 * handler finds it. Param {@code volumeId}. The VM keeps its state: a running VM gets the disk hot-plugged, a stopped
 * one in its definition ({@link io.nubis.driver.VmDriver#attachDisk}).
 */
public final class VmVolumeWorkflows {

    private VmVolumeWorkflows() {
    }

    /** Shared shape: the job type, and the volume service and VM placement the steps use. */
    abstract static class VolumeWorkflow implements Workflow {

        @Inject
        DataVolumeService volumes;
        @Inject
        VmLifecycle lifecycle;

        private final String type;

        VolumeWorkflow(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        void attach(JobContext ctx) throws Exception {
            VmLifecycle.Placement p = lifecycle.placement(ctx.resourceId());
            DataDisk disk = volumes.disk(volume(ctx));
            p.driver().attachDisk(p.host(), p.vmId(), disk);
            ctx.info("disk " + disk.target() + " attached to nubis-" + p.vmId());
        }

        void detach(JobContext ctx) throws Exception {
            VmLifecycle.Placement p = lifecycle.placement(ctx.resourceId());
            DataDisk disk = volumes.disk(volume(ctx));
            p.driver().detachDisk(p.host(), p.vmId(), disk);
            ctx.info("disk " + disk.target() + " detached from nubis-" + p.vmId());
        }
    }

    /** {@code vm.add-volume}: the volume's file on the VM's host, then the disk on the VM. */
    @ApplicationScoped
    public static class Add extends VolumeWorkflow {

        public static final String TYPE = "vm.add-volume";

        Add() {
            super(TYPE);
        }

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(
                    Step.of("create-volume-file", c -> volumes.createFile(volume(c)),
                            c -> volumes.deleteFile(volume(c))),
                    Step.of("attach-disk", this::attach, this::detach));
        }

        @Override
        public void onSucceeded(JobContext ctx) {
            volumes.markReady(volume(ctx));
        }

        /**
         * The row and its reservation go once the rollback removed the file; when the rollback failed they stay
         * (Creating) so that the needs-attention retry of the clean-up still finds the file to delete.
         */
        @Override
        public void onFailed(JobContext ctx, String error) {
            if (ctx.rolledBack()) {
                volumes.forgetNew(volume(ctx));
            }
        }
    }

    /** {@code vm.attach-volume}: an existing, detached volume on the VM's host goes onto the VM. */
    @ApplicationScoped
    public static class Attach extends VolumeWorkflow {

        public static final String TYPE = "vm.attach-volume";

        Attach() {
            super(TYPE);
        }

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of("attach-disk", this::attach, this::detach));
        }

        @Override
        public void onFailed(JobContext ctx, String error) {
            volumes.detached(volume(ctx));
        }
    }

    /**
     * {@code vm.detach-volume}: the disk leaves the VM's definition and, when it runs, its guest; then the volume is
     * detached (it stays on its host). A guest that does not release the disk fails the job, whose rollback puts the
     * disk back into the definition: the volume stays attached.
     */
    @ApplicationScoped
    public static class Detach extends VolumeWorkflow {

        public static final String TYPE = "vm.detach-volume";

        Detach() {
            super(TYPE);
        }

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of("detach-disk", this::detach, this::attach));
        }

        @Override
        public void onSucceeded(JobContext ctx) {
            volumes.detached(volume(ctx));
        }
    }

    /**
     * {@code vm.delete-volume}: the disk leaves the VM (as {@link Detach}), then the volume's file, row and space go. A
     * failure puts the disk back (the rollback of the detach) and the volume is Ready again, still attached.
     */
    @ApplicationScoped
    public static class Delete extends VolumeWorkflow {

        public static final String TYPE = "vm.delete-volume";

        Delete() {
            super(TYPE);
        }

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of("detach-disk", this::detach, this::attach),
                    Step.of("delete-volume-file", c -> volumes.deleteFile(volume(c))));
        }

        @Override
        public void onSucceeded(JobContext ctx) {
            volumes.finishDelete(volume(ctx), true);
        }

        @Override
        public void onFailed(JobContext ctx, String error) {
            volumes.finishDelete(volume(ctx), false);
        }
    }

    /**
     * {@code vm.resize-volume}: grows a data volume of the VM, in the running VM at once or the file of a stopped one
     * (the VM keeps its state: the job on the VM keeps its power actions waiting).
     */
    @ApplicationScoped
    public static class Resize extends VolumeWorkflow {

        public static final String TYPE = "vm.resize-volume";

        @Inject
        io.nubis.storage.VolumeService volumeFiles;
        @Inject
        VmResizeRootWorkflow root;

        Resize() {
            super(TYPE);
        }

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of("grow-volume", c -> root.grow(c, volumes.disk(volume(c)).target()),
                    c -> volumeFiles.undoGrowth(volume(c), Long.parseLong(c.param("fromBytes")))));
        }
    }

    static String volume(JobContext ctx) {
        return ctx.param("volumeId");
    }
}
