package io.nubis.iam.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.iam.GroupInput;
import io.nubis.iam.GroupService;
import io.nubis.iam.GroupView;
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

/** Groups of an account's users (issue 9); changed by admins and the account's owners. */
@Path("/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts and users")
public class GroupResource {

    @Inject
    GroupService groups;
    @Inject
    CallerResolver callers;

    @Action(value = "group:read", resource = "")
    @GET
    @Path("accounts/{id}/groups")
    @Operation(summary = "List an account's groups")
    public List<GroupView> list(@PathParam("id") String accountId) {
        return groups.list(callers.caller(), accountId);
    }

    @Action(value = "group:create", resource = "")
    @POST
    @Path("accounts/{id}/groups")
    @Operation(summary = "Create a group", description = "Body {name, description?}; also in Keycloak as "
            + "/accounts/<account>/<name>.")
    public Response create(@PathParam("id") String accountId, GroupInput in) {
        GroupView g = groups.create(callers.caller(), accountId, in);
        return Response.created(URI.create("/v1/groups/" + g.id())).entity(g).build();
    }

    @Action("group:read")
    @GET
    @Path("groups/{id}")
    @Operation(summary = "Get a group with its members and policies")
    public GroupView get(@PathParam("id") String id) {
        return groups.get(callers.caller(), id);
    }

    @Action("group:delete")
    @DELETE
    @Path("groups/{id}")
    @Operation(summary = "Delete a group", description = "Its members stay; its policy attachments go.")
    public Response delete(@PathParam("id") String id) {
        groups.delete(callers.caller(), id);
        return Response.noContent().build();
    }

    @Action("group:add-member")
    @PUT
    @Path("groups/{id}/members/{userId}")
    @Operation(summary = "Add a user of the group's account to the group")
    public GroupView addMember(@PathParam("id") String id, @PathParam("userId") String userId) {
        return groups.addMember(callers.caller(), id, userId);
    }

    @Action("group:remove-member")
    @DELETE
    @Path("groups/{id}/members/{userId}")
    @Operation(summary = "Remove a user from the group")
    public GroupView removeMember(@PathParam("id") String id, @PathParam("userId") String userId) {
        return groups.removeMember(callers.caller(), id, userId);
    }
}
