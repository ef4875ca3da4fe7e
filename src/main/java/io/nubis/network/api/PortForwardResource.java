package io.nubis.network.api;

import io.nubis.iam.CallerResolver;
import io.nubis.network.PortForwardInput;
import io.nubis.network.PortForwardService;
import io.nubis.network.PortForwardView;
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

/** Port forwarding of a private network's router. Changes answer with the {@code router.apply} job (or null). */
@Path("/v1/l3-networks/{id}/port-forwards")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Port forwarding")
public class PortForwardResource {

    @Inject
    PortForwardService forwards;
    @Inject
    CallerResolver callers;

    @Action(value = "l3-network:read", resource = "id")
    @GET
    @Operation(summary = "List a private network's port forwards")
    public List<PortForwardView> list(@PathParam("id") String id) {
        return forwards.list(callers.caller(), id);
    }

    @Action(value = "l3-network:add-port-forward", resource = "id")
    @POST
    @Operation(summary = "Forward ports of the router's public address to a VM", description = "protocol tcp|udp; "
            + "publicStart..publicEnd (1-65535); privateIp a VM NIC address of the network; privateStart (default "
            + "publicStart; ranges mapped to other numbers hold at most 256 ports). 409 when a port is forwarded "
            + "already.")
    public Response create(@PathParam("id") String id, PortForwardInput in) {
        PortForwardService.Change c = forwards.create(callers.caller(), id, in);
        Map<String, Object> m = new HashMap<>();
        m.put("resource", c.rule());
        m.put("jobId", c.jobId());
        return Response.status(201).entity(m).build();
    }

    @Action(value = "l3-network:remove-port-forward", resource = "id")
    @DELETE
    @Path("{ruleId}")
    @Operation(summary = "Remove a port forward")
    public Response delete(@PathParam("id") String id, @PathParam("ruleId") String ruleId) {
        String job = forwards.delete(callers.caller(), id, ruleId);
        return job == null ? Response.noContent().build() : Response.ok(Map.of("jobId", job)).build();
    }
}
