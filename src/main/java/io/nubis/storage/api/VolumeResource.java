package io.nubis.storage.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.platform.api.PageDto;
import io.nubis.platform.api.Params;
import io.nubis.job.Accepted;
import io.nubis.platform.api.JobAccepted;
import io.nubis.storage.DataVolumeService;
import io.nubis.storage.ImageInput;
import io.nubis.storage.ImageView;
import io.nubis.storage.SnapshotInput;
import io.nubis.storage.SnapshotService;
import io.nubis.storage.SnapshotView;
import io.nubis.storage.VolumeService;
import io.nubis.storage.VolumeView;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Volumes: tenants see their own, admins all. Root volumes come and go with their VMs; data volumes are added to a VM
 * ({@code POST /v1/vm-instances/{id}/volumes}), detached and attached there, and deleted here once detached.
 */
@Path("/v1/volumes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Volumes")
public class VolumeResource {

    @Inject
    VolumeService volumes;
    @Inject
    DataVolumeService dataVolumes;
    @Inject
    SnapshotService snapshots;
    @Inject
    CallerResolver callers;

    @Action("volume:read")
    @GET
    @Operation(summary = "List volumes", description = "Filter: vmId.")
    public PageDto<VolumeView> list(@QueryParam("vmId") String vmId, @QueryParam("page") String page,
            @QueryParam("size") String size,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "name, status, size or created; - first: descending (default -created)") @QueryParam("sort") String sort) {
        return PageDto.of(volumes.list(callers.caller(), vmId, Params.page(page, size, sort,
                io.nubis.storage.VolumeService.ORDER)));
    }

    @Action("volume:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get a volume")
    public VolumeView get(@PathParam("id") String id) {
        return volumes.get(callers.caller(), id);
    }

    @Action("volume:resize")
    @POST
    @Path("{id}/resize")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grow a detached data volume", description = "Body {\"sizeGib\": N}, larger than the "
            + "volume. A volume on a VM grows through POST /v1/vm-instances/{id}/volumes/{volumeId}/resize.")
    public Response resize(@PathParam("id") String id, SizeInput in) {
        Accepted<VolumeView> a = dataVolumes.resize(callers.caller(), id, in == null ? null : in.sizeGib());
        return JobAccepted.response(a.jobId(), a.resource());
    }

    /** The body of a resize. */
    public record SizeInput(Integer sizeGib) {
    }

    @Action("volume:read")
    @GET
    @Path("{id}/snapshots")
    @Operation(summary = "List a volume's snapshots", description = "As a tree: each parent before its children "
            + "(depth, parentId); current marks the one the volume was last taken from or reverted to.")
    public List<SnapshotView> snapshots(@PathParam("id") String id) {
        return snapshots.list(callers.caller(), id);
    }

    @Action("volume:create-snapshot")
    @POST
    @Path("{id}/snapshots")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take a snapshot of a volume", description = "Body {\"name\", \"description\"}. The VM "
            + "may run (a crash-consistent snapshot) or be stopped. 409 when the volume is busy.")
    public Response snapshot(@PathParam("id") String id, SnapshotInput in) {
        Accepted<SnapshotView> a = snapshots.create(callers.caller(), id, in);
        return JobAccepted.response(a.jobId(), a.resource());
    }

    @Action("volume:create-image")
    @POST
    @Path("{id}/images")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make an image from a volume", description = "Body as for a snapshot's image. The volume's VM "
            + "must be stopped (409 otherwise; take a snapshot of a running one and make the image from it).")
    public Response toImage(@PathParam("id") String id, ImageInput in) {
        Accepted<ImageView> a = snapshots.volumeToImage(callers.caller(), id, in);
        return JobAccepted.response(a.jobId(), a.resource());
    }

    @Action("volume:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a detached data volume", description = "202 with the delete job; 409 while it is "
            + "attached (unless ?force=true: then one job on its VM detaches and deletes it) or busy, or for a root "
            + "volume (it goes with its VM).")
    public Response delete(@PathParam("id") String id, @QueryParam("force") String force) {
        Accepted<VolumeView> a = dataVolumes.delete(callers.caller(), id, "true".equalsIgnoreCase(force));
        return JobAccepted.response(a.jobId(), a.resource());
    }
}
