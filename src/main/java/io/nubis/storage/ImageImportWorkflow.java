package io.nubis.storage;

import io.nubis.driver.ImageFileInfo;
import io.nubis.driver.ImportSource;
import io.nubis.job.JobContext;
import io.nubis.job.Step;
import io.nubis.job.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code image.import}: the backup storage downloads the URL (or copies the path) to a temporary name, inspects it
 * (format detected by content; a declared format that differs is an error), hashes it and renames it to the image's
 * path. Success: Ready with format, sizes and SHA-256. Failure: nothing is left on the store (the driver removes the
 * temporary file; rollback removes the final one) and the image is Error with the reason.
 */
@ApplicationScoped
public class ImageImportWorkflow implements Workflow {

    public static final String TYPE = "image.import";

    @Inject
    ImageLifecycle lifecycle;
    @Inject
    StorageConfig config;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Step> steps(JobContext ctx) {
        return List.of(Step.of("download-and-inspect", this::download, this::remove));
    }

    private void download(JobContext ctx) throws Exception {
        ImageLifecycle.Location l = lifecycle.location(ctx.resourceId());
        String url = ctx.param("url");
        ctx.info("importing " + url + " into " + l.path() + " on " + l.endpoint().address());
        ImageFileInfo info = l.driver().importImage(l.endpoint(), source(ctx, l), l.path(), ctx.param("format"));
        ctx.put("format", info.format());
        ctx.put("sizeBytes", Long.toString(info.sizeBytes()));
        ctx.put("virtualSizeBytes", Long.toString(info.virtualSizeBytes()));
        ctx.put("sha256", info.sha256());
        ctx.info("stored: " + info.format() + ", " + info.sizeBytes() + " bytes, sha256 " + info.sha256());
    }

    /**
     * The source as the request checked it: a URL with the address its host resolved to then (pinned), or a path with
     * the store's import folders as they are now (an admin who removed a folder meanwhile stops the import).
     */
    private ImportSource source(JobContext ctx, ImageLifecycle.Location l) {
        if (ImageService.SOURCE_URL.equals(ctx.optionalParam("source").orElse(null))) {
            return ImportSource.url(ctx.param("url"), ctx.param("host"), Integer.parseInt(ctx.param("port")),
                    ctx.optionalParam("pin").orElse(null), config.importMaxBytes(), config.importMaxTime());
        }
        return ImportSource.path(ImageService.pathOf(ctx.param("url")), l.importFolders(), config.importMaxBytes(),
                config.importMaxTime());
    }

    private void remove(JobContext ctx) throws Exception {
        ImageLifecycle.Location l = lifecycle.location(ctx.resourceId());
        l.driver().delete(l.endpoint(), l.path());
    }

    @Override
    public void onSucceeded(JobContext ctx) {
        lifecycle.markReady(ctx.resourceId(),
                new ImageFileInfo(ctx.get("format").orElseThrow(), Long.parseLong(ctx.get("sizeBytes").orElseThrow()),
                        Long.parseLong(ctx.get("virtualSizeBytes").orElseThrow()), ctx.get("sha256").orElseThrow()));
    }

    @Override
    public void onFailed(JobContext ctx, String error) {
        lifecycle.markError(ctx.resourceId(), error, ctx.publicError());
    }
}
