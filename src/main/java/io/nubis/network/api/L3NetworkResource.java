package io.nubis.network.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.network.IpAllocationView;
import io.nubis.network.IpRangeInput;
import io.nubis.network.IpRangeView;
import io.nubis.network.L3NetworkInput;
import io.nubis.network.L3NetworkService;
import io.nubis.network.L3NetworkView;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** L3 networks: admins manage them, their ranges and see allocations; tenants read the shared ones. */
@Path("/v1/l3-networks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "L3 networks")
public class L3NetworkResource {

    @Inject
    L3NetworkService networks;
    @Inject
    CallerResolver callers;
    @Inject
    io.nubis.network.RouterViews routers;

    @Action("l3-network:read")
    @GET
    @Operation(summary = "List L3 networks", description = "Tenants see shared ones only. Filters: l2Id, name.")
    public PageDto<L3NetworkView> list(@QueryParam("l2Id") String l2Id, @QueryParam("name") String name,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return PageDto.of(networks.list(callers.caller(), l2Id, name, Params.page(page, size)));
    }

    @Action("l3-network:create")
    @POST
    @Operation(summary = "Create an L3 network (admin)", description = "cidr: IPv4 network address with prefix "
            + "8-30; gateway optional (inside the subnet); dnsServers: comma-separated IPv4; shared: usable by every "
            + "tenant.")
    public Response create(L3NetworkInput in) {
        L3NetworkView n = networks.create(callers.caller(), in);
        return Response.created(URI.create("/v1/l3-networks/" + n.id())).entity(n).build();
    }

    @Action("l3-network:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get an L3 network")
    public L3NetworkView get(@PathParam("id") String id) {
        return networks.get(callers.caller(), id);
    }

    @Action("l3-network:update")
    @PUT
    @Path("{id}")
    @Operation(summary = "Change name, description, DNS servers and shared flag (admin)")
    public L3NetworkView update(@PathParam("id") String id, L3NetworkInput in) {
        return networks.update(callers.caller(), id, in);
    }

    @Action("l3-network:enable")
    @POST
    @Path("{id}/enable")
    @Operation(summary = "Enable an L3 network (admin)")
    public L3NetworkView enable(@PathParam("id") String id) {
        return networks.setEnabled(callers.caller(), id, true);
    }

    @Action("l3-network:disable")
    @POST
    @Path("{id}/disable")
    @Operation(summary = "Disable an L3 network (admin): no new NICs")
    public L3NetworkView disable(@PathParam("id") String id) {
        return networks.setEnabled(callers.caller(), id, false);
    }

    @Action("l3-network:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an L3 network (admin; tenants their private ones)", description = "409 naming the"
            + " holders while addresses are allocated (machines are never deleted with it); 409 listing elastic IPs"
            + " and port forwards of a private network unless cascade=true, which releases them with it. The router"
            + " and the network's bridges leave the hosts shortly after (reconciler).")
    public Response delete(@PathParam("id") String id, @QueryParam("cascade") boolean cascade) {
        networks.delete(callers.caller(), id, cascade);
        return Response.noContent().build();
    }

    @Action("l3-network:read")
    @GET
    @Path("{id}/ip-ranges")
    @Operation(summary = "List the IP ranges of an L3 network (admin)")
    public List<IpRangeView> ranges(@PathParam("id") String id) {
        return networks.ranges(callers.caller(), id);
    }

    @Action("l3-network:add-ip-range")
    @POST
    @Path("{id}/ip-ranges")
    @Operation(summary = "Add an IP range (admin)", description = "Inside the subnet, without the network, broadcast "
            + "and gateway addresses, not overlapping another range.")
    public Response addRange(@PathParam("id") String id, IpRangeInput in) {
        IpRangeView r = networks.addRange(callers.caller(), id, in);
        return Response.created(URI.create("/v1/l3-networks/" + id + "/ip-ranges/" + r.id())).entity(r).build();
    }

    @Action("l3-network:remove-ip-range")
    @DELETE
    @Path("{id}/ip-ranges/{rangeId}")
    @Operation(summary = "Remove an IP range (admin)", description = "409 while addresses of it are allocated.")
    public Response removeRange(@PathParam("id") String id, @PathParam("rangeId") String rangeId) {
        networks.removeRange(callers.caller(), id, rangeId);
        return Response.noContent().build();
    }

    @Action("l3-network:read")
    @GET
    @Path("{id}/ip-allocations")
    @Operation(summary = "List allocated addresses (admin)")
    public PageDto<IpAllocationView> allocations(@PathParam("id") String id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return PageDto.of(networks.allocations(callers.caller(), id, Params.page(page, size)));
    }

    @Action(value = "l3-network:read", resource = "id")
    @GET
    @Path("{id}/router")
    @Operation(summary = "The virtual router of a private network", description = "404 when it has none (yet): it "
            + "is created with the network's first VM when the network's VNI pool names a public network.")
    public io.nubis.network.RouterView router(@PathParam("id") String id) {
        return routers.ofNetwork(callers.caller(), id)
                .orElseThrow(() -> new io.nubis.platform.NotFoundException("router", id));
    }
}
