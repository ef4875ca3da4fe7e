package io.nubis.network.web;

import io.nubis.iam.CallerResolver;
import io.nubis.job.Accepted;
import io.nubis.network.NetworkMessages;
import io.nubis.network.RouterView;
import io.nubis.network.RouterViews;
import io.nubis.platform.Action;
import io.nubis.platform.NubisException;
import io.nubis.platform.Text;
import io.nubis.platform.web.Flash;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;

/** Virtual routers (admin): where each runs, its state and last error, and a re-create button (a job). */
@Path("/admin/routers")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class RouterPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(List<RouterView> routers);
    }

    @Inject
    CallerResolver callers;
    @Inject
    RouterViews routers;

    @Action("router:read")
    @GET
    public TemplateInstance list() {
        return Templates.list(routers.list(callers.caller()));
    }

    @Action("router:recreate")
    @POST
    @Path("{id}/recreate")
    public Response recreate(@RestPath String id) {
        try {
            Accepted<RouterView> a = routers.recreate(callers.caller(), id);
            return Flash.info(Text.of(NetworkMessages.class, m -> m.flash_rules_saved()))
                    .redirect("/jobs/" + a.jobId());
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/admin/routers");
        }
    }
}
