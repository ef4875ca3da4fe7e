package io.nubis.iam.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.iam.EffectivePermission;
import io.nubis.iam.PasswordInput;
import io.nubis.iam.PolicyService;
import io.nubis.iam.RoleInput;
import io.nubis.iam.UserService;
import io.nubis.iam.UserView;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One user (issue 9): role, disable/enable, password, delete (admins and its account's owners), its permissions. */
@Path("/v1/users")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts and users")
public class UserResource {

    @Inject
    UserService users;
    @Inject
    PolicyService policies;
    @Inject
    CallerResolver callers;

    @Action("user:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get a user")
    public UserView get(@PathParam("id") String id) {
        return users.get(callers.caller(), id);
    }

    @Action("user:update")
    @PUT
    @Path("{id}/role")
    @Operation(summary = "Change a user's role", description = "Body {\"role\": \"OWNER\"|\"MEMBER\"}. Not your own.")
    public UserView setRole(@PathParam("id") String id, RoleInput in) {
        return users.setRole(callers.caller(), id, in);
    }

    @Action("user:disable")
    @POST
    @Path("{id}/disable")
    @Operation(summary = "Disable a user", description = "In Keycloak too; its next request is refused (403), "
            + "portal and API, even with a token that has not expired.")
    public UserView disable(@PathParam("id") String id) {
        return users.setEnabled(callers.caller(), id, false);
    }

    @Action("user:enable")
    @POST
    @Path("{id}/enable")
    @Operation(summary = "Enable a user")
    public UserView enable(@PathParam("id") String id) {
        return users.setEnabled(callers.caller(), id, true);
    }

    @Action("user:reset-password")
    @POST
    @Path("{id}/password")
    @Operation(summary = "Set a user's password", description = "Body {password, temporary?}.")
    public Response resetPassword(@PathParam("id") String id, PasswordInput in) {
        users.resetPassword(callers.caller(), id, in);
        return Response.noContent().build();
    }

    @Action("user:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a user", description = "From Nubis and Keycloak. Not your own.")
    public Response delete(@PathParam("id") String id) {
        users.delete(callers.caller(), id);
        return Response.noContent().build();
    }

    @Action("user:read")
    @GET
    @Path("{id}/effective-permissions")
    @Operation(summary = "What a user may do", description = "Every action with the decision on all resources "
            + "(reason: admin, owner, allow, deny, implicit-deny, disabled; the deciding policy) and the resources "
            + "named by resource-scoped statements.")
    public List<EffectivePermission> effective(@PathParam("id") String id) {
        return policies.effective(callers.caller(), id);
    }
}
