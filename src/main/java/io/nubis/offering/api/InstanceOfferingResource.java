package io.nubis.offering.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.offering.InstanceOfferingInput;
import io.nubis.offering.InstanceOfferingView;
import io.nubis.offering.OfferingService;
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

/** Instance offerings: admins manage them, tenants read the Enabled ones. */
@Path("/v1/instance-offerings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Instance offerings")
public class InstanceOfferingResource {

    @Inject
    OfferingService offerings;
    @Inject
    CallerResolver callers;

    @Action("instance-offering:read")
    @GET
    @Operation(summary = "List instance offerings", description = "Tenants see Enabled offerings only; admins may "
            + "filter by state. Filter by name (substring); paginated.")
    public PageDto<InstanceOfferingView> list(@QueryParam("name") String name,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = io.nubis.offering.OfferingState.class)) @QueryParam("state") String state,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return PageDto.of(offerings.list(callers.caller(), name,
                Params.enumValue(OfferingState.class, "state", state), Params.page(page, size)));
    }

    @Action("instance-offering:create")
    @POST
    @Operation(summary = "Create an instance offering (admin)", description = "cpus 1-128, memoryMib 64-1048576, "
            + "allocatorStrategy LeastUsed (default) or FirstFit.")
    public Response create(InstanceOfferingInput in) {
        InstanceOfferingView o = offerings.create(callers.caller(), in);
        return Response.created(URI.create("/v1/instance-offerings/" + o.id())).entity(o).build();
    }

    @Action("instance-offering:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get an instance offering")
    public InstanceOfferingView get(@PathParam("id") String id) {
        return offerings.get(callers.caller(), id);
    }

    @Action("instance-offering:update")
    @PUT
    @Path("{id}")
    @Operation(summary = "Change an instance offering (admin); existing VMs keep their size")
    public InstanceOfferingView update(@PathParam("id") String id, InstanceOfferingInput in) {
        return offerings.update(callers.caller(), id, in);
    }

    @Action("instance-offering:enable")
    @POST
    @Path("{id}/enable")
    @Operation(summary = "Enable an instance offering (admin)")
    public InstanceOfferingView enable(@PathParam("id") String id) {
        return offerings.setEnabled(callers.caller(), id, true);
    }

    @Action("instance-offering:disable")
    @POST
    @Path("{id}/disable")
    @Operation(summary = "Disable an instance offering (admin): no new VMs from it")
    public InstanceOfferingView disable(@PathParam("id") String id) {
        return offerings.setEnabled(callers.caller(), id, false);
    }

    @Action("instance-offering:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an instance offering (admin)", description = "409 while VMs use it.")
    public Response delete(@PathParam("id") String id) {
        offerings.delete(callers.caller(), id);
        return Response.noContent().build();
    }
}
