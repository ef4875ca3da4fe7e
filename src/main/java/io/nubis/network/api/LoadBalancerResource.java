package io.nubis.network.api;

import io.nubis.iam.CallerResolver;
import io.nubis.network.LoadBalancerBackendInput;
import io.nubis.network.LoadBalancerInput;
import io.nubis.network.LoadBalancerService;
import io.nubis.network.LoadBalancerView;
import io.nubis.platform.Action;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Load balancers of a private network, run by its router (haproxy). Changes answer with the {@code router.apply} job
 * (or null while the network has no router yet).
 */
@Path("/v1/l3-networks/{id}/load-balancers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Load balancers")
public class LoadBalancerResource {

    @Inject
    LoadBalancerService lbs;
    @Inject
    CallerResolver callers;

    @Action(value = "l3-network:read", resource = "id")
    @GET
    @Operation(summary = "List a private network's load balancers")
    public List<LoadBalancerView> list(@PathParam("id") String id) {
        return lbs.list(callers.caller(), id);
    }

    @Action(value = "l3-network:add-load-balancer", resource = "id")
    @POST
    @Operation(summary = "Create a load balancer on the router's public address", description = "name; protocol"
            + " tcp|http (default tcp); port (not used by a TCP port forward or another load balancer of the network:"
            + " 409); algorithm roundrobin|leastconn (default roundrobin); checkSeconds 1-300 (default 5).")
    public Response create(@PathParam("id") String id, LoadBalancerInput in) {
        return Response.status(201).entity(answer(lbs.create(callers.caller(), id, in))).build();
    }

    @Action(value = "l3-network:remove-load-balancer", resource = "id")
    @DELETE
    @Path("{lbId}")
    @Operation(summary = "Delete a load balancer")
    public Map<String, Object> delete(@PathParam("id") String id, @PathParam("lbId") String lbId) {
        Map<String, Object> m = new HashMap<>();
        m.put("jobId", lbs.delete(callers.caller(), id, lbId));
        return m;
    }

    @Action(value = "l3-network:add-load-balancer", resource = "id")
    @POST
    @Path("{lbId}/backends")
    @Operation(summary = "Add a backend", description = "ip: a VM NIC address of the network; port; weight 1-256"
            + " (default 1). A backend that fails two health checks gets no connections until it passes two.")
    public Response addBackend(@PathParam("id") String id, @PathParam("lbId") String lbId,
            LoadBalancerBackendInput in) {
        return Response.status(201).entity(answer(lbs.addBackend(callers.caller(), id, lbId, in))).build();
    }

    @Action(value = "l3-network:remove-load-balancer", resource = "id")
    @DELETE
    @Path("{lbId}/backends/{backendId}")
    @Operation(summary = "Remove a backend")
    public Map<String, Object> removeBackend(@PathParam("id") String id, @PathParam("lbId") String lbId,
            @PathParam("backendId") String backendId) {
        return answer(lbs.removeBackend(callers.caller(), id, lbId, backendId));
    }

    private static Map<String, Object> answer(LoadBalancerService.Change c) {
        Map<String, Object> m = new HashMap<>();
        m.put("resource", c.loadBalancer());
        m.put("jobId", c.jobId());
        return m;
    }
}
