package io.nubis.iam.web;

import io.nubis.iam.AccountService;
import io.nubis.iam.AccountView;
import io.nubis.iam.CallerResolver;
import io.nubis.iam.ShareInput;
import io.nubis.iam.ShareView;
import io.nubis.iam.Sharing;
import io.nubis.platform.Action;
import io.nubis.platform.NubisException;
import io.nubis.platform.web.Flash;
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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestPath;

/** One form for sharing any shareable resource (issue 9): every account, or the tenant accounts ticked. */
@Path("/admin/sharing/{type}/{id}")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class SharingPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance form(ShareView share, List<AccountView> accounts, Set<String> chosen,
                String error);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    Sharing sharing;
    @Inject
    AccountService accounts;

    @Action("sharing:read")
    @GET
    public TemplateInstance form(@RestPath String type, @RestPath String id) {
        ShareView s = sharing.get(callers.caller(), type, id);
        return Templates.form(s, tenants(), s.accounts().stream().map(ShareView.AccountRef::id)
                .collect(Collectors.toSet()), null);
    }

    @Action("sharing:update")
    @POST
    public Response save(@RestPath String type, @RestPath String id, MultivaluedMap<String, String> form) {
        List<String> chosen = form.get("accountId") == null ? List.of() : form.get("accountId");
        try {
            sharing.set(callers.caller(), type, id, new ShareInput("on".equals(form.getFirst("all")), chosen));
            return Flash.success(io.nubis.platform.Text.of(io.nubis.iam.IamMessages.class, m -> m.flash_iam_saved()))
                    .redirect("/admin/sharing/" + type + "/" + id);
        } catch (NubisException e) {
            ShareView s = sharing.get(callers.caller(), type, id);
            return Response.status(e.status()).entity(Templates.form(s, tenants(), Set.copyOf(chosen),
                    portal.text(e))).build();
        }
    }

    private List<AccountView> tenants() {
        return accounts.list(callers.caller()).stream().filter(a -> "NORMAL".equals(a.type())).toList();
    }
}
