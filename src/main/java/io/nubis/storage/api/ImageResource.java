package io.nubis.storage.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.job.Accepted;
import io.nubis.platform.api.JobAccepted;
import io.nubis.platform.api.PageDto;
import io.nubis.platform.api.Params;
import io.nubis.storage.ImageInput;
import io.nubis.storage.ImageService;
import io.nubis.storage.ImageStatus;
import io.nubis.storage.ImageUploadService;
import io.nubis.storage.ImageView;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Images: admins see all and register shared ones; tenants see shared images and their own. */
@Path("/v1/images")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Images")
public class ImageResource {

    @Inject
    ImageService images;
    @Inject
    ImageUploadService uploads;
    @Inject
    CallerResolver callers;

    @Action("image:read")
    @GET
    @Operation(summary = "List images", description = "Filters: q (name), status.")
    public PageDto<ImageView> list(@QueryParam("q") String q,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = io.nubis.storage.ImageStatus.class)) @QueryParam("status") String status,
            @QueryParam("page") String page, @QueryParam("size") String size,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "name, status, size or created; - first: descending (default name)") @QueryParam("sort") String sort) {
        return PageDto.of(images.list(callers.caller(), q, Params.enumValue(ImageStatus.class, "status", status),
                Params.page(page, size, sort, io.nubis.storage.ImageService.ORDER)));
    }

    @Action("image:create")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an image from a URL or a path on the backup storage", description = "202: an "
            + "image.import job downloads it to a temporary name, detects its format (a declared format that differs "
            + "is an error), hashes it and moves it into place; the image ends Ready, or Error with the reason.")
    public Response register(ImageInput in) {
        Accepted<ImageView> a = images.register(callers.caller(), in);
        return JobAccepted.response(a.jobId(), a.resource());
    }

    @Action("image:create")
    @POST
    @Path("upload")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Upload an image", description = "The body is the image file, streamed to the backup storage. "
            + "Query: name, format (raw, qcow2, iso), optional description, backupStorageId, shared. 201 with the "
            + "Ready image; 422 when the content does not match the declared format (nothing is kept).")
    public Response upload(@QueryParam("name") String name, @QueryParam("format") String format,
            @QueryParam("description") String description, @QueryParam("backupStorageId") String backupStorageId,
            @QueryParam("shared") String shared, InputStream body) {
        ImageInput in = new ImageInput(name, description, format, null, backupStorageId,
                Params.bool("shared", shared));
        ImageView img = uploads.upload(callers.caller(), in, body);
        return Response.created(URI.create("/v1/images/" + img.id())).entity(img).build();
    }

    @Action("image:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get an image")
    public ImageView get(@PathParam("id") String id) {
        return images.get(callers.caller(), id);
    }

    /** Body of a copy: the backup storage to copy to. */
    public record CopyBody(String backupStorageId) {
    }

    @Action("image:copy")
    @POST
    @Path("{id}/copies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Copy an image to another backup storage (admins; job)", description = "202 with the "
            + "image.copy job: a byte-identical copy (SHA-256 checked) on the store, so the image serves the zones of "
            + "that store too. 409 when the image is not Ready, the store is not connected or holds it already.")
    public Response copy(@PathParam("id") String id, CopyBody body) {
        var a = images.copy(callers.caller(), id, body == null ? null : body.backupStorageId());
        return JobAccepted.response(a.jobId(), a.resource());
    }

    @Action("image:copy")
    @DELETE
    @Path("{id}/copies/{backupStorageId}")
    @Operation(summary = "Remove an image's copy from a backup storage (admins; job)", description = "202 with the "
            + "image.remove-copy job; the image's own file and other copies stay. 404 when the store holds no copy.")
    public Response removeCopy(@PathParam("id") String id, @PathParam("backupStorageId") String backupStorageId) {
        var a = images.removeCopy(callers.caller(), id, backupStorageId);
        return JobAccepted.response(a.jobId(), a.resource());
    }

    @Action("image:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an image (job)", description = "409 while a volume or VM uses it.")
    public Response delete(@PathParam("id") String id) {
        Accepted<ImageView> a = images.delete(callers.caller(), id);
        return JobAccepted.response(a.jobId(), a.resource());
    }
}
