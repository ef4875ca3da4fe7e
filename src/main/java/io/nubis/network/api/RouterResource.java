package io.nubis.network.api;

import io.nubis.iam.CallerResolver;
import io.nubis.job.Accepted;
import io.nubis.network.RouterView;
import io.nubis.network.RouterViews;
import io.nubis.platform.Action;
import io.nubis.platform.api.JobAccepted;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Virtual routers of private networks: admins list and re-create them (a network's own: {@link L3NetworkResource}). */
@Path("/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Virtual routers")
public class RouterResource {

    @Inject
    RouterViews routers;
    @Inject
    CallerResolver callers;

    @Action("router:read")
    @GET
    @Path("routers")
    @Operation(summary = "List virtual routers (admin)")
    public List<RouterView> list() {
        return routers.list(callers.caller());
    }

    @Action("router:recreate")
    @POST
    @Path("routers/{id}/recreate")
    @Operation(summary = "Re-create a router (admin)", description = "202 + job router.recreate: removed from its "
            + "host, then set up again from the database.")
    public Response recreate(@PathParam("id") String id) {
        Accepted<RouterView> a = routers.recreate(callers.caller(), id);
        return JobAccepted.response(a.jobId(), a.resource());
    }
}
