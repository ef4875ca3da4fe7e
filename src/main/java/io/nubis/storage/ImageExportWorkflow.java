package io.nubis.storage;

import io.nubis.driver.ImageFileInfo;
import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.List;

/**
 * {@code image.from-volume} (issue 8): an image made from a volume's snapshot (param {@code snapshotId}) or from the
 * volume itself. On the volume's host a standalone qcow2 copy is written next to the volume
 * ({@code export-<imageId>.qcow2}, a name the rollback can compute), streamed through the management server into the
 * image's file on its backup storage (inspected like an upload: qcow2 without backing or data file), then removed. On
 * the VM holding the volume, or on the detached volume, like the snapshot jobs. Success: the image is Ready; failure:
 * nothing is left on the host or the store and the image is Error with the reason.
 */
@ApplicationScoped
public class ImageExportWorkflow implements Workflow {

    public static final String TYPE = "image.from-volume";

    @Inject
    SnapshotSteps steps;
    @Inject
    StorageHosts hosts;
    @Inject
    ImageLifecycle lifecycle;
    @Inject
    VolumeStore volumes;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("export-on-host", this::export, this::removeExport),
                Step.of("upload-to-backup-storage", this::upload, this::removeImageFile),
                Step.of("remove-export", this::removeExport));
    }

    private void export(JobContext ctx) throws Exception {
        SnapshotSteps.Place p = steps.place(ctx.param("volumeId"));
        StorageHosts.Target t = hosts.target(p.hostId());
        t.driver().copySnapshot(t.endpoint(), p.path(), ctx.optionalParam("snapshotId").orElse(null),
                exportPath(p, ctx));
        ctx.info("exported " + p.path() + " to " + exportPath(p, ctx) + " on " + t.endpoint().address());
    }

    private void upload(JobContext ctx) throws Exception {
        SnapshotSteps.Place p = steps.place(ctx.param("volumeId"));
        StorageHosts.Target t = hosts.target(p.hostId());
        ImageLifecycle.Location l = lifecycle.location(ctx.param("imageId"));
        ImageFileInfo info;
        try (InputStream in = t.driver().openFile(t.endpoint(), exportPath(p, ctx))) {
            info = l.driver().upload(l.endpoint(), in, l.path(), "qcow2");
        }
        ctx.put("sizeBytes", Long.toString(info.sizeBytes()));
        ctx.put("virtualSizeBytes", Long.toString(info.virtualSizeBytes()));
        ctx.put("sha256", info.sha256());
        ctx.info("stored on " + l.endpoint().address() + ": " + info.sizeBytes() + " bytes, sha256 " + info.sha256());
    }

    private void removeImageFile(JobContext ctx) throws Exception {
        ImageLifecycle.Location l = lifecycle.location(ctx.param("imageId"));
        l.driver().delete(l.endpoint(), l.path());
    }

    /** The copy on the host goes (a volume that is gone took its folder's files along with it: nothing to do). */
    private void removeExport(JobContext ctx) throws Exception {
        if (volumes.find(ctx.param("volumeId")).isEmpty()) {
            return;
        }
        SnapshotSteps.Place p = steps.place(ctx.param("volumeId"));
        StorageHosts.Target t = hosts.target(p.hostId());
        t.driver().deleteVolume(t.endpoint(), exportPath(p, ctx));
    }

    /** Next to the volume, named after the image. */
    static String exportPath(SnapshotSteps.Place p, JobContext ctx) {
        return p.path().substring(0, p.path().lastIndexOf('/') + 1) + "export-" + ctx.param("imageId") + ".qcow2";
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        lifecycle.markReady(ctx.param("imageId"), new ImageFileInfo("qcow2",
                Long.parseLong(ctx.get("sizeBytes").orElseThrow()),
                Long.parseLong(ctx.get("virtualSizeBytes").orElseThrow()), ctx.get("sha256").orElseThrow()));
        ctx.optionalParam("snapshotId").ifPresent(steps::ready);
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        lifecycle.markError(ctx.param("imageId"), error, ctx.publicError());
        ctx.optionalParam("snapshotId").ifPresent(steps::ready);
    }
}
