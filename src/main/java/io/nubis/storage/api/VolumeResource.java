package io.nubis.storage.api;

import io.nubis.iam.CallerResolver;
import io.nubis.platform.api.PageDto;
import io.nubis.platform.api.Params;
import io.nubis.storage.VolumeService;
import io.nubis.storage.VolumeView;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Volumes: tenants see their own, admins all. Volumes are created and deleted with their VMs. */
@Path("/v1/volumes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Volumes")
public class VolumeResource {

    @Inject
    VolumeService volumes;
    @Inject
    CallerResolver callers;

    @GET
    @Operation(summary = "List volumes", description = "Filter: vmId.")
    public PageDto<VolumeView> list(@QueryParam("vmId") String vmId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return PageDto.of(volumes.list(callers.caller(), vmId, Params.page(page, size)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a volume")
    public VolumeView get(@PathParam("id") String id) {
        return volumes.get(callers.caller(), id);
    }
}
