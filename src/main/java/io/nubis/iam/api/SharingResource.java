package io.nubis.iam.api;

import io.nubis.iam.CallerResolver;
import io.nubis.iam.ShareInput;
import io.nubis.iam.ShareView;
import io.nubis.iam.Sharing;
import io.nubis.platform.Action;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * With whom admins' resources are shared (issue 9): {@code image}, {@code l3-network}, {@code instance-offering},
 * {@code disk-offering}. Admins only.
 */
@Path("/v1/sharing/{type}/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sharing")
public class SharingResource {

    @Inject
    Sharing sharing;
    @Inject
    CallerResolver callers;

    @Action("sharing:read")
    @GET
    @Operation(summary = "With whom a resource is shared")
    public ShareView get(@PathParam("type") String type, @PathParam("id") String id) {
        return sharing.get(callers.caller(), type, id);
    }

    @Action("sharing:update")
    @PUT
    @Operation(summary = "Share a resource", description = "Body {all: true} for every account, or {all: false, "
            + "accountIds: [...]} for chosen tenant accounts (none: admins only). Replaces the previous choice.")
    public ShareView set(@PathParam("type") String type, @PathParam("id") String id, ShareInput in) {
        return sharing.set(callers.caller(), type, id, in);
    }
}
