package io.nubis.compute.api;

import io.nubis.platform.Action;
import io.nubis.compute.ClusterInput;
import io.nubis.compute.ClusterService;
import io.nubis.compute.ClusterView;
import io.nubis.compute.DeletionImpact;
import io.nubis.iam.CallerResolver;
import io.nubis.platform.api.JobAccepted;
import io.nubis.platform.api.PageDto;
import io.nubis.platform.api.Params;
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
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Clusters (admin only). */
@Path("/v1/clusters")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Clusters")
public class ClusterResource {

    @Inject
    ClusterService clusters;
    @Inject
    CallerResolver callers;

    @Action("cluster:read")
    @GET
    @Operation(summary = "List clusters", description = "Filter by zoneId and name (substring); paginated.")
    public PageDto<ClusterView> list(@QueryParam("zoneId") String zoneId, @QueryParam("name") String name,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return PageDto.of(clusters.list(callers.caller(), zoneId, name, Params.page(page, size)));
    }

    @Action("cluster:create")
    @POST
    @Operation(summary = "Create a cluster", description = "hypervisorType is one of the installed host drivers.")
    public Response create(ClusterInput in) {
        ClusterView c = clusters.create(callers.caller(), in);
        return Response.created(URI.create("/v1/clusters/" + c.id())).entity(c).build();
    }

    @Action("cluster:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get a cluster")
    public ClusterView get(@PathParam("id") String id) {
        return clusters.get(callers.caller(), id);
    }

    @Action("cluster:update")
    @PUT
    @Path("{id}")
    @Operation(summary = "Change a cluster's name and description")
    public ClusterView update(@PathParam("id") String id, ClusterInput in) {
        return clusters.update(callers.caller(), id, in);
    }

    @Action("cluster:enable")
    @POST
    @Path("{id}/enable")
    @Operation(summary = "Enable a cluster")
    public ClusterView enable(@PathParam("id") String id) {
        return clusters.setState(callers.caller(), id, true);
    }

    @Action("cluster:disable")
    @POST
    @Path("{id}/disable")
    @Operation(summary = "Disable a cluster")
    public ClusterView disable(@PathParam("id") String id) {
        return clusters.setState(callers.caller(), id, false);
    }

    @Action("cluster:read")
    @GET
    @Path("{id}/deletion-impact")
    @Operation(summary = "What a cascade delete would remove")
    public DeletionImpact deletionImpact(@PathParam("id") String id) {
        return clusters.deletionImpact(callers.caller(), id);
    }

    @Action("cluster:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a cluster", description = "204 when empty; 409 with hosts unless cascade=true (202 + job).")
    public Response delete(@PathParam("id") String id, @QueryParam("cascade") String cascade) {
        return clusters.delete(callers.caller(), id, Params.bool("cascade", cascade))
                .map(a -> JobAccepted.response(a.jobId(), a.resource())).orElseGet(() -> Response.noContent().build());
    }
}
