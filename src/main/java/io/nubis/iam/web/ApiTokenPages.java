package io.nubis.iam.web;

import io.nubis.iam.ApiTokenInput;
import io.nubis.iam.ApiTokenService;
import io.nubis.iam.ApiTokenView;
import io.nubis.iam.CallerResolver;
import io.nubis.iam.IamMessages;
import io.nubis.iam.NewApiToken;
import io.nubis.platform.Action;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NubisException;
import io.nubis.platform.Text;
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
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/** The signed-in user's API tokens (issue 9): list, create (the value shown once, on the answer page), revoke. */
@Path("/portal/api-tokens")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ApiTokenPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(List<ApiTokenView> tokens, NewApiToken created, String name,
                String days, Map<String, String> errors);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    ApiTokenService tokens;

    @Action("api-token:read")
    @GET
    public TemplateInstance list() {
        return Templates.list(tokens.list(callers.caller()), null, "", "90", Map.of());
    }

    /** Answers the page itself (not a redirect) so that the new value is shown once and kept nowhere. */
    @Action("api-token:create")
    @POST
    public Response create(@RestForm String name, @RestForm String days) {
        try {
            Integer d = days == null || days.isBlank() ? null : Integer.valueOf(days.trim());
            NewApiToken t = tokens.create(callers.caller(), new ApiTokenInput(name, d));
            return Response.ok(Templates.list(tokens.list(callers.caller()), t, "", "90", Map.of()))
                    .header("Cache-Control", "no-store").build();
        } catch (NumberFormatException e) {
            Map<String, String> errors = Map.of("expiresInDays", portal.text(Text.of(IamMessages.class,
                    m -> m.error_token_days(365))));
            return Response.status(400).entity(Templates.list(tokens.list(callers.caller()), null, name, days,
                    errors)).build();
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.list(tokens.list(callers.caller()), null, name, days,
                    portal.fieldErrors(e))).build();
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/portal/api-tokens");
        }
    }

    @Action("api-token:delete")
    @POST
    @Path("{id}/delete")
    public Response revoke(@RestPath String id) {
        try {
            tokens.revoke(callers.caller(), id);
            return Flash.success(Text.of(IamMessages.class, m -> m.flash_iam_saved())).redirect("/portal/api-tokens");
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/portal/api-tokens");
        }
    }
}
