package io.nubis.iam.api;

import io.nubis.iam.AccountInput;
import io.nubis.iam.AccountService;
import io.nubis.iam.AccountView;
import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.iam.UserInput;
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
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Accounts (issue 9): admins create, describe, disable, enable and delete them; others read their own. Each account is
 * the Keycloak group {@code /accounts/<name>}; its users are created here and live in Keycloak.
 */
@Path("/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts and users")
public class AccountResource {

    @Inject
    AccountService accounts;
    @Inject
    UserService users;
    @Inject
    CallerResolver callers;

    @Action("account:read")
    @GET
    @Path("accounts")
    @Operation(summary = "List accounts", description = "Admins: all; others: their own.")
    public List<AccountView> list() {
        return accounts.list(callers.caller());
    }

    @Action("account:create")
    @POST
    @Path("accounts")
    @Operation(summary = "Create an account (admins)", description = "Body {name, description?}; also creates its "
            + "Keycloak group /accounts/<name>. 409 for a taken name.")
    public Response create(AccountInput in) {
        AccountView a = accounts.create(callers.caller(), in);
        return Response.created(URI.create("/v1/accounts/" + a.id())).entity(a).build();
    }

    @Action("account:read")
    @GET
    @Path("accounts/{id}")
    @Operation(summary = "Get an account")
    public AccountView get(@PathParam("id") String id) {
        return accounts.view(callers.caller(), id);
    }

    @Action("account:update")
    @PUT
    @Path("accounts/{id}")
    @Operation(summary = "Change an account's description (admins)")
    public AccountView update(@PathParam("id") String id, AccountInput in) {
        return accounts.update(callers.caller(), id, in);
    }

    @Action("account:disable")
    @POST
    @Path("accounts/{id}/disable")
    @Operation(summary = "Disable an account (admins)", description = "Its users are refused at once in the portal "
            + "and the API; its VMs keep running. Not the admin account or your own.")
    public AccountView disable(@PathParam("id") String id) {
        return accounts.setEnabled(callers.caller(), id, false);
    }

    @Action("account:enable")
    @POST
    @Path("accounts/{id}/enable")
    @Operation(summary = "Enable an account (admins)")
    public AccountView enable(@PathParam("id") String id) {
        return accounts.setEnabled(callers.caller(), id, true);
    }

    @Action("account:delete")
    @DELETE
    @Path("accounts/{id}")
    @Operation(summary = "Delete an account (admins)", description = "409 naming what it still holds (VMs, volumes, "
            + "snapshots, images). Removes its users, groups and policies, in Keycloak too.")
    public Response delete(@PathParam("id") String id) {
        accounts.delete(callers.caller(), id);
        return Response.noContent().build();
    }

    @Action(value = "user:read", resource = "")
    @GET
    @Path("accounts/{id}/users")
    @Operation(summary = "List an account's users", description = "Admins and the account's users.")
    public List<UserView> users(@PathParam("id") String id) {
        return users.list(callers.caller(), id);
    }

    @Action(value = "user:create", resource = "")
    @POST
    @Path("accounts/{id}/users")
    @Operation(summary = "Create a user in an account", description = "Admins and the account's owners. Body "
            + "{username, email?, password (8-128), temporaryPassword?, role? OWNER|MEMBER (default MEMBER)}. The "
            + "user is created in Keycloak, in the account's group.")
    public Response createUser(@PathParam("id") String id, UserInput in) {
        UserView u = users.create(callers.caller(), id, in);
        return Response.created(URI.create("/v1/users/" + u.id())).entity(u).build();
    }
}
