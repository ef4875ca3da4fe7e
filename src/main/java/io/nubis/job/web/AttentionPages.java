package io.nubis.job.web;

import io.nubis.platform.Action;
import io.nubis.platform.Text;
import io.nubis.job.JobMessages;
import io.nubis.iam.CallerResolver;
import io.nubis.job.AttentionService;
import io.nubis.job.AttentionState;
import io.nubis.job.AttentionView;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Page;
import io.nubis.platform.web.Flash;
import io.nubis.platform.web.Option;
import io.nubis.platform.web.PageParams;
import io.nubis.platform.web.PortalRequest;
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
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The needs-attention list for admins: jobs whose clean-up did not finish, with retry and dismiss. */
@Path("/admin/needs-attention")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AttentionPages {

    static final String BASE = "/admin/needs-attention";

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<AttentionView> items, String state, List<Option> states,
                String base);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    AttentionService attention;

    @Action("attention:read")
    @GET
    public TemplateInstance list(@RestQuery String state, @RestQuery String page, @RestQuery String size) {
        AttentionState st = PageParams.enumOrNull(AttentionState.class, state);
        Page<AttentionView> items = attention.list(callers.caller(), st, PageParams.of(page, size));
        List<Option> states = portal.options(AttentionState.values());
        return Templates.list(items, st == null ? "" : st.name(), states,
                PageParams.base(BASE, PageParams.filters("state", st)));
    }

    @Action("attention:retry")
    @POST
    @Path("{id}/retry")
    public Response retry(@RestPath String id) {
        return act(() -> {
            AttentionView a = attention.retry(callers.caller(), id);
            return Flash.info(Text.of(JobMessages.class, m -> m.flash_attention_retrying(name(a))))
                    .redirect("/jobs/" + a.jobId());
        });
    }

    @Action("attention:dismiss")
    @POST
    @Path("{id}/dismiss")
    public Response dismiss(@RestPath String id) {
        return act(() -> {
            AttentionView a = attention.dismiss(callers.caller(), id);
            return Flash.success(Text.of(JobMessages.class, m -> m.flash_attention_dismissed(name(a)))).redirect(BASE);
        });
    }

    private static Response act(Supplier<Response> action) {
        try {
            return action.get();
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect(BASE);
        }
    }

    private static String name(AttentionView a) {
        return a.resourceName() == null ? a.resourceId() : a.resourceName();
    }
}
