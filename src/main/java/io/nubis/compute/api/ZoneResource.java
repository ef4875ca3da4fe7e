package io.nubis.compute.api;

import io.nubis.platform.Action;
import io.nubis.compute.DeletionImpact;
import io.nubis.compute.ZoneInput;
import io.nubis.compute.ZoneService;
import io.nubis.compute.ZoneView;
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

/** Zones (admin only). */
@Path("/v1/zones")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Zones")
public class ZoneResource {

    @Inject
    ZoneService zones;
    @Inject
    CallerResolver callers;

    @Action("zone:read")
    @GET
    @Operation(summary = "List zones", description = "Filter by name (substring); paginated (page is 1-based).")
    public PageDto<ZoneView> list(@QueryParam("name") String name, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return PageDto.of(zones.list(callers.caller(), name, Params.page(page, size)));
    }

    @Action("zone:create")
    @POST
    @Operation(summary = "Create a zone")
    public Response create(ZoneInput in) {
        ZoneView z = zones.create(callers.caller(), in);
        return Response.created(URI.create("/v1/zones/" + z.id())).entity(z).build();
    }

    @Action("zone:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get a zone")
    public ZoneView get(@PathParam("id") String id) {
        return zones.get(callers.caller(), id);
    }

    @Action("zone:update")
    @PUT
    @Path("{id}")
    @Operation(summary = "Change a zone's name and description")
    public ZoneView update(@PathParam("id") String id, ZoneInput in) {
        return zones.update(callers.caller(), id, in);
    }

    @Action("zone:enable")
    @POST
    @Path("{id}/enable")
    @Operation(summary = "Enable a zone")
    public ZoneView enable(@PathParam("id") String id) {
        return zones.setState(callers.caller(), id, true);
    }

    @Action("zone:disable")
    @POST
    @Path("{id}/disable")
    @Operation(summary = "Disable a zone")
    public ZoneView disable(@PathParam("id") String id) {
        return zones.setState(callers.caller(), id, false);
    }

    @Action("zone:read")
    @GET
    @Path("{id}/deletion-impact")
    @Operation(summary = "What a cascade delete would remove")
    public DeletionImpact deletionImpact(@PathParam("id") String id) {
        return zones.deletionImpact(callers.caller(), id);
    }

    @Action("zone:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a zone", description = "204 when it was empty. A zone with clusters answers 409 unless "
            + "cascade=true; then 202 and a job removes its hosts, clusters and the zone.")
    public Response delete(@PathParam("id") String id, @QueryParam("cascade") String cascade) {
        return zones.delete(callers.caller(), id, Params.bool("cascade", cascade))
                .map(a -> JobAccepted.response(a.jobId(), a.resource())).orElseGet(() -> Response.noContent().build());
    }
}
