package io.nubis.network.api;

import io.nubis.iam.CallerResolver;
import io.nubis.network.VniPoolInput;
import io.nubis.network.VniPoolService;
import io.nubis.network.VniPoolView;
import io.nubis.platform.Action;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** VNI pools: admins define them; every tenant lists them to choose one for a private network. */
@Path("/v1/vni-pools")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "VNI pools")
public class VniPoolResource {

    @Inject
    VniPoolService pools;
    @Inject
    CallerResolver callers;

    /** Body of add-cluster. */
    public record ClusterRef(String clusterId) {
    }

    @Action("vni-pool:read")
    @GET
    @Operation(summary = "List VNI pools", description = "Filter: zoneId. Every tenant may list them.")
    public List<VniPoolView> list(@QueryParam("zoneId") String zoneId) {
        return pools.list(callers.caller(), zoneId);
    }

    @Action("vni-pool:create")
    @POST
    @Operation(summary = "Create a VNI pool (admin)", description = "vniStart..vniEnd within 1-16777214, not "
            + "overlapping another pool of the zone.")
    public Response create(VniPoolInput in) {
        VniPoolView p = pools.create(callers.caller(), in);
        return Response.created(URI.create("/v1/vni-pools/" + p.id())).entity(p).build();
    }

    @Action("vni-pool:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get a VNI pool")
    public VniPoolView get(@PathParam("id") String id) {
        return pools.get(callers.caller(), id);
    }

    @Action("vni-pool:update")
    @PUT
    @Path("{id}")
    @Operation(summary = "Rename a VNI pool (admin)", description = "name and description only.")
    public VniPoolView update(@PathParam("id") String id, VniPoolInput in) {
        return pools.update(callers.caller(), id, in);
    }

    @Action("vni-pool:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a VNI pool (admin)", description = "409 while it has private networks.")
    public Response delete(@PathParam("id") String id) {
        pools.delete(callers.caller(), id);
        return Response.noContent().build();
    }

    @Action("vni-pool:add-cluster")
    @POST
    @Path("{id}/clusters")
    @Operation(summary = "Let the pool's networks reach a cluster (admin)")
    public VniPoolView addCluster(@PathParam("id") String id, ClusterRef body) {
        return pools.addCluster(callers.caller(), id, body == null ? null : body.clusterId());
    }

    @Action("vni-pool:remove-cluster")
    @DELETE
    @Path("{id}/clusters/{clusterId}")
    @Operation(summary = "Stop the pool's networks reaching a cluster (admin)", description = "409 while the pool "
            + "has private networks.")
    public VniPoolView removeCluster(@PathParam("id") String id, @PathParam("clusterId") String clusterId) {
        return pools.removeCluster(callers.caller(), id, clusterId);
    }
}
