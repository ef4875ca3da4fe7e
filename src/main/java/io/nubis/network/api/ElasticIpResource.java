package io.nubis.network.api;

import io.nubis.iam.CallerResolver;
import io.nubis.network.ElasticIpService;
import io.nubis.network.ElasticIpView;
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
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Elastic IPs of private networks. Changes that touch the router answer with {@code jobId} (a {@code router.apply} job;
 * null while the network has no router yet).
 */
@Path("/v1/elastic-ips")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Elastic IPs")
public class ElasticIpResource {

    @Inject
    ElasticIpService eips;
    @Inject
    CallerResolver callers;

    /** Body of allocate. */
    public record AllocateInput(String l3NetworkId) {
    }

    /** Body of attach. */
    public record AttachInput(String privateIp) {
    }

    @Action("elastic-ip:read")
    @GET
    @Operation(summary = "List elastic IPs", description = "The caller's account's (admins: all).")
    public List<ElasticIpView> list() {
        return eips.list(callers.caller());
    }

    @Action("elastic-ip:allocate")
    @POST
    @Operation(summary = "Allocate an elastic IP", description = "l3NetworkId: one of the account's private networks "
            + "whose VNI pool names a public network; the address comes from that public network.")
    public Response allocate(AllocateInput in) {
        ElasticIpService.Change c = eips.allocate(callers.caller(), in == null ? null : in.l3NetworkId());
        return Response.created(URI.create("/v1/elastic-ips/" + c.eip().id())).entity(c.eip()).build();
    }

    @Action(value = "elastic-ip:read", resource = "id")
    @GET
    @Path("{id}")
    @Operation(summary = "Get an elastic IP")
    public ElasticIpView get(@PathParam("id") String id) {
        return eips.get(callers.caller(), id);
    }

    @Action(value = "elastic-ip:attach", resource = "id")
    @POST
    @Path("{id}/attach")
    @Operation(summary = "Bind an elastic IP to a VM address", description = "privateIp: a VM NIC address of the "
            + "elastic IP's network (one elastic IP per address).")
    public Map<String, Object> attach(@PathParam("id") String id, AttachInput in) {
        return answer(eips.attach(callers.caller(), id, in == null ? null : in.privateIp()));
    }

    @Action(value = "elastic-ip:detach", resource = "id")
    @POST
    @Path("{id}/detach")
    @Operation(summary = "Unbind an elastic IP")
    public Map<String, Object> detach(@PathParam("id") String id) {
        return answer(eips.detach(callers.caller(), id));
    }

    @Action(value = "elastic-ip:release", resource = "id")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Release an elastic IP", description = "Unbinds it first if bound.")
    public Response release(@PathParam("id") String id) {
        String job = eips.release(callers.caller(), id);
        return job == null ? Response.noContent().build() : Response.ok(Map.of("jobId", job)).build();
    }

    private static Map<String, Object> answer(ElasticIpService.Change c) {
        Map<String, Object> m = new HashMap<>();
        m.put("resource", c.eip());
        m.put("jobId", c.jobId());
        return m;
    }
}
