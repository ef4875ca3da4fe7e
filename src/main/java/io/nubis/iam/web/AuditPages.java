package io.nubis.iam.web;

import io.nubis.platform.Action;
import io.nubis.iam.AuditEventView;
import io.nubis.iam.AuditFilter;
import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditResult;
import io.nubis.iam.CallerResolver;
import io.nubis.platform.Page;
import io.nubis.platform.web.Option;
import io.nubis.platform.web.PageParams;
import io.nubis.platform.web.PortalRequest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/** The audit trail of the whole cloud, filtered by action prefix, user and result. Admin-only. */
@Path("/admin/audit")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AuditPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<AuditEventView> events, AuditListFilters filters,
                List<Option> results, String base);
    }

    /** The filters as submitted, shown back in the filter form. */
    public record AuditListFilters(String action, String user, String result, String account, String targetType) {
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    AuditLog audit;

    @Action("audit:read")
    @GET
    public TemplateInstance list(@RestQuery String action, @RestQuery String user, @RestQuery String result,
            @RestQuery String account, @RestQuery String targetType, @RestQuery String page,
            @RestQuery String size) {
        AuditResult r = PageParams.enumOrNull(AuditResult.class, result);
        Page<AuditEventView> events = audit.listAll(callers.caller(), new AuditFilter(action, null, user, r, account,
                targetType),
                PageParams.of(page, size));
        List<Option> results = portal.options(AuditResult.values());
        AuditListFilters f = new AuditListFilters(action == null ? "" : action, user == null ? "" : user,
                r == null ? "" : r.name(), account == null ? "" : account, targetType == null ? "" : targetType);
        return Templates.list(events, f, results, PageParams.base("/admin/audit",
                PageParams.filters("action", action, "user", user, "result", f.result(), "account",
                        account, "targetType", targetType)));
    }
}
