package io.nubis.offering.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.offering.DiskOfferingInput;
import io.nubis.offering.DiskOfferingView;
import io.nubis.offering.DiskOfferingService;
import io.nubis.offering.OfferingState;
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

/** Disk offerings (the sizes of data volumes): admins manage them, tenants read the Enabled ones. */
@Path("/v1/disk-offerings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Disk offerings")
public class DiskOfferingResource {

    @Inject
    DiskOfferingService offerings;
    @Inject
    CallerResolver callers;

    @Action("disk-offering:read")
    @GET
    @Operation(summary = "List disk offerings", description = "Tenants see Enabled offerings only; admins may "
            + "filter by state. Filter by name (substring); paginated.")
    public PageDto<DiskOfferingView> list(@QueryParam("name") String name,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = io.nubis.offering.OfferingState.class)) @QueryParam("state") String state,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return PageDto.of(offerings.list(callers.caller(), name,
                Params.enumValue(OfferingState.class, "state", state), Params.page(page, size)));
    }

    @Action("disk-offering:create")
    @POST
    @Operation(summary = "Create a disk offering (admin)", description = "sizeGib 1-65536 (GiB).")
    public Response create(DiskOfferingInput in) {
        DiskOfferingView o = offerings.create(callers.caller(), in);
        return Response.created(URI.create("/v1/disk-offerings/" + o.id())).entity(o).build();
    }

    @Action("disk-offering:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get a disk offering")
    public DiskOfferingView get(@PathParam("id") String id) {
        return offerings.get(callers.caller(), id);
    }

    @Action("disk-offering:update")
    @PUT
    @Path("{id}")
    @Operation(summary = "Change a disk offering (admin); existing volumes keep their size")
    public DiskOfferingView update(@PathParam("id") String id, DiskOfferingInput in) {
        return offerings.update(callers.caller(), id, in);
    }

    @Action("disk-offering:enable")
    @POST
    @Path("{id}/enable")
    @Operation(summary = "Enable a disk offering (admin)")
    public DiskOfferingView enable(@PathParam("id") String id) {
        return offerings.setEnabled(callers.caller(), id, true);
    }

    @Action("disk-offering:disable")
    @POST
    @Path("{id}/disable")
    @Operation(summary = "Disable a disk offering (admin): no new volumes from it")
    public DiskOfferingView disable(@PathParam("id") String id) {
        return offerings.setEnabled(callers.caller(), id, false);
    }

    @Action("disk-offering:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a disk offering (admin)", description = "409 while volumes use it.")
    public Response delete(@PathParam("id") String id) {
        offerings.delete(callers.caller(), id);
        return Response.noContent().build();
    }
}
