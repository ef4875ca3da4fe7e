package io.nubis.network.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.network.L2NetworkInput;
import io.nubis.network.L2NetworkService;
import io.nubis.network.L2NetworkView;
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

/** L2 networks (admin only). Attaching to a cluster answers 202 with the job in Location. */
@Path("/v1/l2-networks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "L2 networks")
public class L2NetworkResource {

    @Inject
    L2NetworkService networks;
    @Inject
    CallerResolver callers;

    /** Body of attach and detach. */
    public record ClusterRef(String clusterId) {
    }

    @Action("l2-network:read")
    @GET
    @Operation(summary = "List L2 networks", description = "Filters: zoneId, name (substring); paginated.")
    public PageDto<L2NetworkView> list(@QueryParam("zoneId") String zoneId, @QueryParam("name") String name,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return PageDto.of(networks.list(callers.caller(), zoneId, name, Params.page(page, size)));
    }

    @Action("l2-network:create")
    @POST
    @Operation(summary = "Create an L2 network", description = "type NoVlan (physicalInterface optional: the "
            + "uplink enslaved to the bridge), Vlan (physicalInterface and vlanId 1-4094: the sub-interface "
            + "<physicalInterface>.<vlanId> is enslaved; attach only to clusters whose hosts support 802.1Q) or Vxlan "
            + "(vni 1-16777214, no physicalInterface: tunnels between the hosts' management addresses); bridgeName "
            + "optional (default nbr + 12 hex digits of the id).")
    public Response create(L2NetworkInput in) {
        L2NetworkView n = networks.create(callers.caller(), in);
        return Response.created(URI.create("/v1/l2-networks/" + n.id())).entity(n).build();
    }

    @Action("l2-network:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get an L2 network with its attached clusters")
    public L2NetworkView get(@PathParam("id") String id) {
        return networks.get(callers.caller(), id);
    }

    @Action("l2-network:update")
    @PUT
    @Path("{id}")
    @Operation(summary = "Change an L2 network's name and description")
    public L2NetworkView update(@PathParam("id") String id, L2NetworkInput in) {
        return networks.update(callers.caller(), id, in);
    }

    @Action("l2-network:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an L2 network", description = "409 while it has L3 networks. Bridges stay on hosts.")
    public Response delete(@PathParam("id") String id) {
        networks.delete(callers.caller(), id);
        return Response.noContent().build();
    }

    @Action("l2-network:attach")
    @POST
    @Path("{id}/attach")
    @Operation(summary = "Attach to a cluster of the same zone (job)", description = "202: an l2.attach job creates "
            + "the bridge on the cluster's Connected hosts.")
    public Response attach(@PathParam("id") String id, ClusterRef body) {
        var a = networks.attach(callers.caller(), id, body == null ? null : body.clusterId());
        return JobAccepted.response(a.jobId(), a.resource());
    }

    @Action("l2-network:detach")
    @POST
    @Path("{id}/detach")
    @Operation(summary = "Detach from a cluster", description = "Nothing changes on hosts. 409 while DHCP of one of "
            + "its L3 networks runs on a host of the cluster.")
    public L2NetworkView detach(@PathParam("id") String id, ClusterRef body) {
        return networks.detach(callers.caller(), id, body == null ? null : body.clusterId());
    }
}
