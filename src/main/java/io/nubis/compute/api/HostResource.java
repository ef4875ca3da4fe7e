package io.nubis.compute.api;

import io.nubis.platform.Action;
import io.nubis.compute.HostFilter;
import io.nubis.compute.HostInput;
import io.nubis.compute.HostService;
import io.nubis.compute.HostState;
import io.nubis.compute.HostStatus;
import io.nubis.compute.HostView;
import io.nubis.iam.CallerResolver;
import io.nubis.job.Accepted;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Hosts (admin only). Changes that touch the host answer 202 with the job in Location. */
@Path("/v1/hosts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Hosts")
public class HostResource {

    @Inject
    HostService hosts;
    @Inject
    CallerResolver callers;

    @Action("host:read")
    @GET
    @Operation(summary = "List hosts", description = "Filters: zoneId, clusterId, state, status, q (name or address).")
    public PageDto<HostView> list(@QueryParam("zoneId") String zoneId, @QueryParam("clusterId") String clusterId,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = io.nubis.compute.HostState.class)) @QueryParam("state") String state,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = io.nubis.compute.HostStatus.class)) @QueryParam("status") String status,
            @QueryParam("q") String q,
            @QueryParam("page") String page, @QueryParam("size") String size,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "name, address, state, status or created; - first: descending (default name)") @QueryParam("sort") String sort) {
        HostFilter f = new HostFilter(zoneId, clusterId, Params.enumValue(HostState.class, "state", state),
                Params.enumValue(HostStatus.class, "status", status), q);
        return PageDto.of(hosts.list(callers.caller(), f, Params.page(page, size, sort, HostService.ORDER)));
    }

    @Action("host:create")
    @POST
    @Operation(summary = "Add a host", description = "202: a host.add job connects it; the host ends Connected, or is "
            + "removed again if the connection fails (the job keeps the reason).")
    public Response add(HostInput in) {
        return accepted(hosts.add(callers.caller(), in));
    }

    @Action("host:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get a host")
    public HostView get(@PathParam("id") String id) {
        return hosts.get(callers.caller(), id);
    }

    @Action("host:update")
    @PUT
    @Path("{id}")
    @Operation(summary = "Change a host's name and description")
    public HostView update(@PathParam("id") String id, HostInput in) {
        return hosts.update(callers.caller(), id, in);
    }

    @Action("host:enable")
    @POST
    @Path("{id}/enable")
    @Operation(summary = "Enable a host (also ends maintenance)")
    public HostView enable(@PathParam("id") String id) {
        return hosts.setEnabled(callers.caller(), id, true);
    }

    @Action("host:disable")
    @POST
    @Path("{id}/disable")
    @Operation(summary = "Disable a host: it takes no new VMs")
    public HostView disable(@PathParam("id") String id) {
        return hosts.setEnabled(callers.caller(), id, false);
    }

    @Action("host:maintenance")
    @POST
    @Path("{id}/maintenance")
    @Operation(summary = "Put a host into maintenance (job)", description = "Running VMs on shared storage move live"
            + " to other hosts of the cluster first. 409 naming the VMs that cannot move (disks on Local storage) while"
            + " any run on the host, unless the body says {\"stopVms\": true}: the job then stops them (stopped VMs"
            + " stay on the host). No body: stopVms false.")
    public Response maintenance(@PathParam("id") String id, Maintenance body) {
        return accepted(hosts.maintenance(callers.caller(), id, body != null && Boolean.TRUE.equals(body.stopVms())));
    }

    /** Body of maintenance: whether to stop the VMs that run on the host. */
    public record Maintenance(Boolean stopVms) {
    }

    @Action("host:reconnect")
    @POST
    @Path("{id}/reconnect")
    @Operation(summary = "Reconnect a host and re-read its capacity (job)")
    public Response reconnect(@PathParam("id") String id) {
        return accepted(hosts.reconnect(callers.caller(), id));
    }

    /** Body of accept-host-key: the fingerprint the admin checked, which must be the one the host presented. */
    public record AcceptHostKey(String fingerprint) {
    }

    @Action("host:accept-host-key")
    @POST
    @Path("{id}/accept-host-key")
    @Operation(summary = "Accept the changed SSH host key the host presented, then reconnect (job)", description = "The fingerprint must equal the host's presentedHostKey, so a key that changed again after "
            + "the admin looked is not accepted blindly.")
    public Response acceptHostKey(@PathParam("id") String id, AcceptHostKey body) {
        return accepted(hosts.acceptHostKey(callers.caller(), id, body == null ? null : body.fingerprint()));
    }

    @Action("host:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a host from Nubis (job)")
    public Response delete(@PathParam("id") String id) {
        return accepted(hosts.delete(callers.caller(), id));
    }

    private static Response accepted(Accepted<HostView> a) {
        return JobAccepted.response(a.jobId(), a.resource());
    }
}
