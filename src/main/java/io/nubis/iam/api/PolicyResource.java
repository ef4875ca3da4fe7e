package io.nubis.iam.api;

import io.nubis.platform.Action;
import io.nubis.iam.ActionCatalog;
import io.nubis.iam.AttachmentInput;
import io.nubis.iam.CallerResolver;
import io.nubis.iam.PolicyInput;
import io.nubis.iam.PolicyService;
import io.nubis.iam.PolicyView;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Policies (issue 9): statements {effect: Allow|Deny, actions: ["vm:create", "vm:*", "*"], resources: ["*" | ids]},
 * attached to users and groups of the policy's account. An explicit Deny wins over any Allow; no statement means
 * denied. They restrict MEMBER users; owners and admins are not restricted.
 */
@Path("/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Policies")
public class PolicyResource {

    @Inject
    PolicyService policies;
    @Inject
    CallerResolver callers;

    @Action(value = "policy:read", resource = "")
    @GET
    @Path("iam-actions")
    @Operation(summary = "Every action a statement may name")
    public List<String> actions() {
        return ActionCatalog.ACTIONS;
    }

    @Action(value = "policy:read", resource = "")
    @GET
    @Path("accounts/{id}/policies")
    @Operation(summary = "List an account's policies")
    public List<PolicyView> list(@PathParam("id") String accountId) {
        return policies.list(callers.caller(), accountId);
    }

    @Action(value = "policy:create", resource = "")
    @POST
    @Path("accounts/{id}/policies")
    @Operation(summary = "Create a policy", description = "Body {name, description?, statements: [...]}: 1 to 50 "
            + "statements; 400 per statement field for an unknown action, effect or resource.")
    public Response create(@PathParam("id") String accountId, PolicyInput in) {
        PolicyView p = policies.create(callers.caller(), accountId, in);
        return Response.created(URI.create("/v1/policies/" + p.id())).entity(p).build();
    }

    @Action("policy:read")
    @GET
    @Path("policies/{id}")
    @Operation(summary = "Get a policy with its attachments")
    public PolicyView get(@PathParam("id") String id) {
        return policies.get(callers.caller(), id);
    }

    @Action("policy:update")
    @PUT
    @Path("policies/{id}")
    @Operation(summary = "Replace a policy's name, description and statements")
    public PolicyView update(@PathParam("id") String id, PolicyInput in) {
        return policies.update(callers.caller(), id, in);
    }

    @Action("policy:delete")
    @DELETE
    @Path("policies/{id}")
    @Operation(summary = "Delete a policy and its attachments")
    public Response delete(@PathParam("id") String id) {
        policies.delete(callers.caller(), id);
        return Response.noContent().build();
    }

    @Action("policy:attach")
    @POST
    @Path("policies/{id}/attachments")
    @Operation(summary = "Attach a policy", description = "Body {principalType: USER|GROUP, principalId}: a user or "
            + "group of the policy's account.")
    public PolicyView attach(@PathParam("id") String id, AttachmentInput in) {
        return policies.attach(callers.caller(), id, in);
    }

    @Action("policy:detach")
    @DELETE
    @Path("policies/{id}/attachments/{type}/{principalId}")
    @Operation(summary = "Detach a policy from a user or group")
    public PolicyView detach(@PathParam("id") String id, @PathParam("type") String type,
            @PathParam("principalId") String principalId) {
        return policies.detach(callers.caller(), id, type, principalId);
    }
}
