package io.nubis.securitygroup.api;

import io.nubis.iam.CallerResolver;
import io.nubis.platform.Action;
import io.nubis.securitygroup.SecurityGroupInput;
import io.nubis.securitygroup.SecurityGroupRuleInput;
import io.nubis.securitygroup.SecurityGroupService;
import io.nubis.securitygroup.SecurityGroupView;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Security groups and their rules. Rule changes answer with {@code jobId}: a {@code security-group.apply} job that
 * rewrites the filters of the NICs they affect (null when no NIC is affected). NICs join and leave through
 * {@code /v1/vm-instances/{id}/security-groups}.
 */
@Path("/v1/security-groups")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Security groups")
public class SecurityGroupResource {

    @Inject
    SecurityGroupService groups;
    @Inject
    CallerResolver callers;

    @Action("security-group:read")
    @GET
    @Operation(summary = "List security groups", description = "The caller's account's (admins: all).")
    public List<SecurityGroupView> list() {
        return groups.list(callers.caller());
    }

    @Action("security-group:create")
    @POST
    @Operation(summary = "Create a security group", description = "With the default rules: everything in from members"
            + " of the same group, everything out.")
    public Response create(SecurityGroupInput in) {
        SecurityGroupView g = groups.create(callers.caller(), in);
        return Response.created(URI.create("/v1/security-groups/" + g.id())).entity(g).build();
    }

    @Action(value = "security-group:read", resource = "id")
    @GET
    @Path("{id}")
    @Operation(summary = "Get a security group with its rules")
    public SecurityGroupView get(@PathParam("id") String id) {
        return groups.get(callers.caller(), id);
    }

    @Action(value = "security-group:read", resource = "id")
    @GET
    @Path("{id}/members")
    @Operation(summary = "The NICs in a security group", description = "With their VM's name and address.")
    public List<SecurityGroupService.Member> members(@PathParam("id") String id) {
        return groups.members(callers.caller(), id);
    }

    @Action(value = "security-group:update", resource = "id")
    @PUT
    @Path("{id}")
    @Operation(summary = "Rename a security group or change its description")
    public SecurityGroupView update(@PathParam("id") String id, SecurityGroupInput in) {
        return groups.update(callers.caller(), id, in);
    }

    @Action(value = "security-group:delete", resource = "id")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a security group", description = "409 naming the member VMs and the groups whose"
            + " rules name it.")
    public Response delete(@PathParam("id") String id) {
        groups.delete(callers.caller(), id);
        return Response.noContent().build();
    }

    @Action(value = "security-group:add-rule", resource = "id")
    @POST
    @Path("{id}/rules")
    @Operation(summary = "Add a rule", description = "direction ingress|egress, protocol tcp|udp|icmp|all, portStart and"
            + " portEnd (tcp, udp), cidr or remoteGroupId. Rules only allow: overlapping rules are accepted (the union"
            + " applies); an identical rule is a 409.")
    public Response addRule(@PathParam("id") String id, SecurityGroupRuleInput in) {
        return Response.status(201).entity(answer(groups.addRule(callers.caller(), id, in))).build();
    }

    @Action(value = "security-group:remove-rule", resource = "id")
    @DELETE
    @Path("{id}/rules/{ruleId}")
    @Operation(summary = "Remove a rule")
    public Map<String, Object> removeRule(@PathParam("id") String id, @PathParam("ruleId") String ruleId) {
        return answer(groups.removeRule(callers.caller(), id, ruleId));
    }

    private static Map<String, Object> answer(SecurityGroupService.Change c) {
        Map<String, Object> m = new HashMap<>();
        m.put("resource", c.group());
        m.put("jobId", c.jobId());
        return m;
    }
}
