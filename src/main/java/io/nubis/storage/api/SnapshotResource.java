package io.nubis.storage.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.job.Accepted;
import io.nubis.platform.api.JobAccepted;
import io.nubis.storage.ImageInput;
import io.nubis.storage.ImageView;
import io.nubis.storage.SnapshotInput;
import io.nubis.storage.SnapshotService;
import io.nubis.storage.SnapshotView;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Volume snapshots (issue 8): listed and taken under their volume ({@code /v1/volumes/{id}/snapshots}), reverted to,
 * copied into a new volume and deleted here. Every change is a job: 202 with the job's Location.
 */
@Path("/v1/volume-snapshots")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Volume snapshots")
public class SnapshotResource {

    @Inject
    SnapshotService snapshots;
    @Inject
    CallerResolver callers;

    @Action("snapshot:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get a snapshot")
    public SnapshotView get(@PathParam("id") String id) {
        return snapshots.get(callers.caller(), id);
    }

    @Action("snapshot:revert")
    @POST
    @Path("{id}/revert")
    @Operation(summary = "Revert its volume to the snapshot", description = "The volume's VM must be stopped; what "
            + "was written since the snapshot is lost. 409 while the VM runs or the volume is busy.")
    public Response revert(@PathParam("id") String id) {
        return accepted(snapshots.revert(callers.caller(), id));
    }

    @Action("snapshot:create-volume")
    @POST
    @Path("{id}/volumes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a new data volume from the snapshot", description = "Body {\"name\", \"description\"}; "
            + "the volume is detached, on the snapshot's host, of its volume's size.")
    public Response toVolume(@PathParam("id") String id, SnapshotInput in) {
        return accepted(snapshots.toVolume(callers.caller(), id, in));
    }

    @Action("snapshot:create-image")
    @POST
    @Path("{id}/images")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make an image from the snapshot", description = "Body {\"name\", \"description\", "
            + "\"shared\" (admins), \"backupStorageId\"}: a qcow2 image on that backup storage (default: the connected "
            + "one with the most space among those serving the volume's zone; a store of other zones is a 400). 202 "
            + "with the image (Downloading until the job is done).")
    public Response toImage(@PathParam("id") String id, ImageInput in) {
        Accepted<ImageView> a = snapshots.toImage(callers.caller(), id, in);
        return JobAccepted.response(a.jobId(), a.resource());
    }

    @Action("snapshot:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a snapshot", description = "The volume and its other snapshots stay readable; the "
            + "snapshot's children become its parent's.")
    public Response delete(@PathParam("id") String id) {
        return accepted(snapshots.delete(callers.caller(), id));
    }

    private static Response accepted(Accepted<SnapshotView> a) {
        return JobAccepted.response(a.jobId(), a.resource());
    }
}
