package io.nubis.storage.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.job.Accepted;
import io.nubis.platform.api.JobAccepted;
import io.nubis.platform.api.PageDto;
import io.nubis.platform.api.Params;
import io.nubis.storage.PrimaryStorageInput;
import io.nubis.storage.PrimaryStorageService;
import io.nubis.storage.PrimaryStorageView;
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
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Primary storage (admin only): create, attach to and detach from clusters, per-host capacity. */
@Path("/v1/primary-storage")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Primary storage")
public class PrimaryStorageResource {

    @Inject
    PrimaryStorageService service;
    @Inject
    CallerResolver callers;

    @Action("primary-storage:read")
    @GET
    @Operation(summary = "List primary storage", description = "Filter: zoneId.")
    public PageDto<PrimaryStorageView> list(@QueryParam("zoneId") String zoneId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return PageDto.of(service.list(callers.caller(), zoneId, Params.page(page, size)));
    }

    @Action("primary-storage:create")
    @POST
    @Operation(summary = "Create a primary storage", description = "Type Local: the same absolute path on every host "
            + "of the clusters it is attached to. Nothing happens on hosts until it is attached.")
    public Response create(PrimaryStorageInput in) {
        PrimaryStorageView ps = service.create(callers.caller(), in);
        return Response.created(URI.create("/v1/primary-storage/" + ps.id())).entity(ps).build();
    }

    @Action("primary-storage:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get a primary storage with its clusters and per-host capacity")
    public PrimaryStorageView get(@PathParam("id") String id) {
        return service.get(callers.caller(), id);
    }

    @Action("primary-storage:update")
    @jakarta.ws.rs.PUT
    @Path("{id}")
    @Operation(summary = "Change a primary storage's state and over-provisioning ratio", description = "Body {state?: "
            + "Enabled|Disabled, overprovisioningRatio?: 1..10}. A Disabled storage takes no new volumes. From "
            + "Maintenance, Enabled or Disabled ends it; 409 while it goes into maintenance.")
    public PrimaryStorageView update(@PathParam("id") String id, io.nubis.storage.PrimaryStorageSettings in) {
        return service.update(callers.caller(), id, in);
    }

    @Action("primary-storage:maintenance")
    @POST
    @Path("{id}/maintenance")
    @Operation(summary = "Put a primary storage into maintenance (job)", description = "At once no new volume goes "
            + "there and no VM with a volume on it starts; the primarystorage.maintenance job then waits until none "
            + "runs. 409 naming the VMs that use it while any runs, unless the body says {\"stopVms\": true}: the job "
            + "stops them. Leave maintenance with PUT {state: Enabled|Disabled}.")
    public Response maintenance(@PathParam("id") String id, Maintenance body) {
        var a = service.maintenance(callers.caller(), id, body != null && Boolean.TRUE.equals(body.stopVms()));
        return io.nubis.platform.api.JobAccepted.response(a.jobId(), a.resource());
    }

    /** Body of maintenance: whether to stop the VMs that use the storage. */
    public record Maintenance(Boolean stopVms) {
    }

    @Action("primary-storage:refresh")
    @POST
    @Path("{id}/refresh")
    @Operation(summary = "Read the storage's capacity again (job)", description = "202 with the primarystorage.refresh "
            + "job: connected hosts of the attached clusters report the capacity again (Local: each host; shared "
            + "types: one host); an iSCSI target's LUNs are listed again (new LUNs become usable, free LUNs that "
            + "vanished are forgotten, held ones are marked missing).")
    public Response refresh(@PathParam("id") String id) {
        var a = service.refresh(callers.caller(), id);
        return io.nubis.platform.api.JobAccepted.response(a.jobId(), a.resource());
    }

    @Action("primary-storage:clean-cache")
    @POST
    @Path("{id}/image-cache/cleanup")
    @Operation(summary = "Remove the cached images nothing uses (job)", description = "202 with the "
            + "primarystorage.cache-cleanup job: copies no volume on the storage (on Local: on that host) was made "
            + "from and no VM uses leave it, their space is returned.")
    public Response cleanCache(@PathParam("id") String id) {
        var a = service.cleanCache(callers.caller(), id);
        return io.nubis.platform.api.JobAccepted.response(a.jobId(), a.resource());
    }

    /** Body of attach. */
    public record AttachCluster(String clusterId) {
    }

    @Action("primary-storage:attach")
    @POST
    @Path("{id}/clusters")
    @Operation(summary = "Attach to a cluster (job)", description = "202: a primarystorage.attach job prepares the "
            + "folders on every connected host of the cluster and records their capacity.")
    public Response attach(@PathParam("id") String id, AttachCluster body) {
        Accepted<PrimaryStorageView> a = service.attach(callers.caller(), id, body == null ? null : body.clusterId());
        return JobAccepted.response(a.jobId(), a.resource());
    }

    @Action("primary-storage:detach")
    @DELETE
    @Path("{id}/clusters/{clusterId}")
    @Operation(summary = "Detach from a cluster (job)", description = "202 with the primarystorage.detach job: the "
            + "attachment is Detaching at once (no new volume goes there); the cluster's connected hosts remove their "
            + "cached images, empty folders and, for Ceph, the key; then the attachment goes. 409 while volumes of the "
            + "cluster's hosts live on it.")
    public Response detach(@PathParam("id") String id, @PathParam("clusterId") String clusterId) {
        var a = service.detach(callers.caller(), id, clusterId);
        return io.nubis.platform.api.JobAccepted.response(a.jobId(), a.resource());
    }

    @Action("primary-storage:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a primary storage attached to no cluster")
    public Response delete(@PathParam("id") String id) {
        service.delete(callers.caller(), id);
        return Response.noContent().build();
    }
}
