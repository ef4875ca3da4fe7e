package io.nubis.storage;

import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The snapshot jobs (issue 8), on the VM the volume is attached to or on the detached volume ({@link SnapshotService}).
 * Params: {@code volumeId}, {@code snapshotId}; the rows were written or marked in the request's transaction, so every
 * rollback and end finds them.
 */
public final class SnapshotWorkflows {

    private SnapshotWorkflows() {
    }

    /** Shared shape: the job type, and the steps' bean. */
    abstract static class SnapshotWorkflow implements Workflow {

        @Inject
        SnapshotSteps steps;

        private final String type;

        SnapshotWorkflow(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        static String volume(JobContext ctx) {
            return ctx.param("volumeId");
        }

        static String snapshot(JobContext ctx) {
            return ctx.param("snapshotId");
        }
    }

    /** {@code volume.snapshot}: takes the snapshot; a failure removes it again, with its row and reservation. */
    @ApplicationScoped
    public static class Create extends SnapshotWorkflow {

        public static final String TYPE = "volume.snapshot";

        Create() {
            super(TYPE);
        }

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of("take-snapshot", c -> steps.take(volume(c), snapshot(c)),
                    c -> steps.drop(volume(c), snapshot(c))));
        }

        @Override
        public void onSucceeded(JobContext ctx) {
            steps.ready(snapshot(ctx));
        }

        /** The row stays (Creating) when the rollback failed, so the needs-attention retry still finds the snapshot. */
        @Override
        public void onFailed(JobContext ctx, String error) {
            if (ctx.rolledBack()) {
                steps.forget(volume(ctx), snapshot(ctx));
            }
        }
    }

    /**
     * {@code volume.revert-snapshot}: the volume (of a stopped VM, or detached) goes back to the snapshot. Nothing to
     * roll back: a failed revert changed nothing; a done one is what was asked.
     */
    @ApplicationScoped
    public static class Revert extends SnapshotWorkflow {

        public static final String TYPE = "volume.revert-snapshot";

        Revert() {
            super(TYPE);
        }

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of("revert-volume", c -> steps.revert(volume(c), snapshot(c))));
        }

        @Override
        public void onSucceeded(JobContext ctx) {
            steps.reverted(volume(ctx), snapshot(ctx));
        }

        @Override
        public void onFailed(JobContext ctx, String error) {
            steps.revertFailed(volume(ctx), snapshot(ctx), Long.parseLong(ctx.param("fromBytes")));
        }
    }

    /**
     * {@code volume.delete-snapshot}: the snapshot leaves the volume's file (the others and the volume stay readable),
     * then its row, its reservation and its place in the tree (its children become its parent's).
     */
    @ApplicationScoped
    public static class Delete extends SnapshotWorkflow {

        public static final String TYPE = "volume.delete-snapshot";

        Delete() {
            super(TYPE);
        }

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of("delete-snapshot", c -> steps.drop(volume(c), snapshot(c))));
        }

        @Override
        public void onSucceeded(JobContext ctx) {
            steps.forget(volume(ctx), snapshot(ctx));
        }

        @Override
        public void onFailed(JobContext ctx, String error) {
            steps.ready(snapshot(ctx));
        }
    }

    /**
     * {@code volume.from-snapshot}: a new, detached data volume (param {@code newVolumeId}, written Creating by the
     * request) from a copy of the snapshot.
     */
    @ApplicationScoped
    public static class ToVolume extends SnapshotWorkflow {

        public static final String TYPE = "volume.from-snapshot";

        @Inject
        DataVolumeService dataVolumes;

        ToVolume() {
            super(TYPE);
        }

        @Override
        public List<Step> steps(JobContext ctx) {
            return List.of(Step.of("copy-snapshot", c -> steps.copy(volume(c), snapshot(c), newVolume(c)),
                    c -> steps.deleteCopy(newVolume(c))));
        }

        @Override
        public void onSucceeded(JobContext ctx) {
            dataVolumes.markReady(newVolume(ctx));
            steps.ready(snapshot(ctx));
        }

        @Override
        public void onFailed(JobContext ctx, String error) {
            if (ctx.rolledBack()) {
                dataVolumes.forgetNew(newVolume(ctx));
            }
            steps.ready(snapshot(ctx));
        }

        private static String newVolume(JobContext ctx) {
            return ctx.param("newVolumeId");
        }
    }
}
