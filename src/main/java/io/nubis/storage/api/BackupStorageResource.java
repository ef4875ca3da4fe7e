package io.nubis.storage.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.platform.api.JobAccepted;
import io.nubis.platform.api.PageDto;
import io.nubis.platform.api.Params;
import io.nubis.storage.BackupStorageInput;
import io.nubis.storage.BackupStorageService;
import io.nubis.storage.BackupStorageView;
import io.nubis.job.Accepted;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Backup storage (admin only). Changes that reach the store answer 202 with the job in Location. */
@Path("/v1/backup-storage")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Backup storage")
public class BackupStorageResource {

    @Inject
    BackupStorageService service;
    @Inject
    CallerResolver callers;

    @Action("backup-storage:read")
    @GET
    @Operation(summary = "List backup storage", description = "Filter q: name or address.")
    public PageDto<BackupStorageView> list(@QueryParam("q") String q, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return PageDto.of(service.list(callers.caller(), q, Params.page(page, size)));
    }

    @Action("backup-storage:create")
    @POST
    @Operation(summary = "Add a backup storage", description = "202: a backupstorage.add job connects it (pins the SSH "
            + "host key, creates <rootPath>/images, reads capacity); it ends Connected, or is removed again.")
    public Response add(BackupStorageInput in) {
        return accepted(service.add(callers.caller(), in));
    }

    @Action("backup-storage:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get a backup storage")
    public BackupStorageView get(@PathParam("id") String id) {
        return service.get(callers.caller(), id);
    }

    @Action("backup-storage:reconnect")
    @POST
    @Path("{id}/reconnect")
    @Operation(summary = "Reconnect and re-read capacity (job)")
    public Response reconnect(@PathParam("id") String id) {
        return accepted(service.reconnect(callers.caller(), id));
    }

    /** Body of accept-host-key. */
    public record AcceptHostKey(String fingerprint) {
    }

    @Action("backup-storage:accept-host-key")
    @POST
    @Path("{id}/accept-host-key")
    @Operation(summary = "Accept the changed SSH host key the store presented, then reconnect (job)")
    public Response acceptHostKey(@PathParam("id") String id, AcceptHostKey body) {
        return accepted(service.acceptHostKey(callers.caller(), id, body == null ? null : body.fingerprint()));
    }

    /** Body of import-folders. */
    public record ImportFoldersBody(List<String> importFolders) {
    }

    @Action("backup-storage:update")
    @PUT
    @Path("{id}/import-folders")
    @Operation(summary = "Set the folders admins may import images from by path", description = "Absolute paths on "
            + "the store, at most 8, none inside or above its root path; an empty list refuses path imports.")
    public BackupStorageView setImportFolders(@PathParam("id") String id, ImportFoldersBody body) {
        return service.setImportFolders(callers.caller(), id, body == null ? List.of() : body.importFolders());
    }

    /** Body of a zone attachment. */
    public record ZoneBody(String zoneId) {
    }

    @Action("backup-storage:attach-zone")
    @POST
    @Path("{id}/zones")
    @Operation(summary = "Attach a backup storage to a zone", description = "A store attached to no zone serves every "
            + "zone; attached to some, only those: VMs (and CD-ROM drives) of other zones cannot use its images. "
            + "Idempotent; 400 on zoneId for an unknown zone.")
    public BackupStorageView attachZone(@PathParam("id") String id, ZoneBody body) {
        return service.attachZone(callers.caller(), id, body == null ? null : body.zoneId());
    }

    @Action("backup-storage:detach-zone")
    @DELETE
    @Path("{id}/zones/{zoneId}")
    @Operation(summary = "Detach a backup storage from a zone", description = "VMs already made keep their disks; "
            + "detached from its last zone, the store serves every zone again. Idempotent.")
    public BackupStorageView detachZone(@PathParam("id") String id, @PathParam("zoneId") String zoneId) {
        return service.detachZone(callers.caller(), id, zoneId);
    }

    @Action("backup-storage:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Forget a backup storage that holds no image (its files stay)")
    public Response delete(@PathParam("id") String id) {
        service.delete(callers.caller(), id);
        return Response.noContent().build();
    }

    private static Response accepted(Accepted<BackupStorageView> a) {
        return JobAccepted.response(a.jobId(), a.resource());
    }
}
