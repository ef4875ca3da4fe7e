package io.nubis.iam.api;

import io.nubis.iam.ApiTokenInput;
import io.nubis.iam.ApiTokenService;
import io.nubis.iam.ApiTokenView;
import io.nubis.iam.CallerResolver;
import io.nubis.iam.NewApiToken;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own personal API tokens (issue 9). */
@Path("/v1/api-tokens")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts and users")
public class ApiTokenResource {

    @Inject
    ApiTokenService tokens;
    @Inject
    CallerResolver callers;

    @Action("api-token:read")
    @GET
    @Operation(summary = "List your API tokens", description = "Names, first characters and expiry; never values.")
    public List<ApiTokenView> list() {
        return tokens.list(callers.caller());
    }

    @Action("api-token:create")
    @POST
    @Operation(summary = "Create an API token", description = "Body {name, expiresInDays? (1-365, default 90)}. "
            + "The answer holds the token, shown this once; send it as Authorization: Bearer <token>.")
    public Response create(ApiTokenInput in) {
        NewApiToken t = tokens.create(callers.caller(), in);
        return Response.created(URI.create("/v1/api-tokens/" + t.id())).entity(t).build();
    }

    @Action("api-token:delete")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an API token", description = "It stops working at its next request.")
    public Response revoke(@PathParam("id") String id) {
        tokens.revoke(callers.caller(), id);
        return Response.noContent().build();
    }
}
