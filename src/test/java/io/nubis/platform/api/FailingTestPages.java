package io.nubis.platform.api;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The failures of {@link FailingTestResource} on a portal path (friendly error page, not problem JSON). */
@Path("/admin/test-only/failures")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class FailingTestPages {

    @Inject
    FailingTestResource api;

    @io.nubis.platform.NoAction("test-only endpoint that fails on purpose")

    @GET
    @Path("sql")
    public String sql() {
        return api.sql();
    }

    @io.nubis.platform.NoAction("test-only endpoint that fails on purpose")

    @GET
    @Path("unexpected")
    public String unexpected() {
        return api.unexpected();
    }
}
