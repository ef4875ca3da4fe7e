package io.nubis.iam.web;

import io.nubis.platform.Action;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.iam.IamMessages;
import io.nubis.iam.QuotaKind;
import io.nubis.iam.QuotaService;
import io.nubis.iam.QuotaView;
import io.nubis.platform.InvalidInputException;
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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Quotas in the admin portal (issue 9): the defaults and each account's own limits, one form each (a number, -1 for no
 * limit, blank for "none here": the default, or no limit for the defaults), errors per field; an account's form also
 * shows what it uses.
 */
@Path("/admin/quotas")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class QuotaPages {

    /** One line of a quota form: the kind's field name and label key, the value as shown, the usage (or -1). */
    public record Line(String field, String labelKey, String value, long usage, long effective) {
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(List<Line> defaults, List<QuotaService.AccountLine> accounts,
                Map<String, String> errors);

        static native TemplateInstance account(QuotaService.AccountLine account, List<Line> lines,
                Map<String, String> errors);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    QuotaService quotas;

    @Action("quota:read")
    @GET
    public TemplateInstance list() {
        Caller caller = callers.caller();
        Map<QuotaKind, Long> d = quotas.defaults(caller);
        List<Line> lines = new ArrayList<>();
        for (QuotaKind k : QuotaKind.values()) {
            lines.add(line(k, d.containsKey(k) ? Long.toString(d.get(k)) : "", -1, d.getOrDefault(k, -1L)));
        }
        return Templates.list(lines, quotas.accounts(caller), Map.of());
    }

    @Action("quota:update")
    @POST
    public Response saveDefaults(MultivaluedMap<String, String> form) {
        Caller caller = callers.caller();
        Map<String, String> typed = typed(form);
        try {
            quotas.set(caller, null, parse(typed));
            return Flash.info(Text.of(IamMessages.class, m -> m.flash_quotas_saved())).redirect("/admin/quotas");
        } catch (InvalidInputException e) {
            List<Line> lines = new ArrayList<>();
            for (QuotaKind k : QuotaKind.values()) {
                lines.add(line(k, typed.getOrDefault(field(k), ""), -1, -1));
            }
            return Response.status(400).entity(Templates.list(lines, quotas.accounts(caller), portal.fieldErrors(e)))
                    .build();
        }
    }

    @Action(value = "quota:read", resource = "accountId")
    @GET
    @Path("{accountId}")
    public TemplateInstance account(@RestPath String accountId) {
        Caller caller = callers.caller();
        QuotaService.AccountLine a = quotas.account(caller, accountId);
        List<Line> lines = new ArrayList<>();
        for (QuotaView q : quotas.view(caller, accountId)) {
            lines.add(line(q.kind(), "account".equals(q.source()) ? Long.toString(q.limit()) : "", q.usage(),
                    q.limit()));
        }
        return Templates.account(a, lines, Map.of());
    }

    @Action(value = "quota:update", resource = "accountId")
    @POST
    @Path("{accountId}")
    public Response saveAccount(@RestPath String accountId, MultivaluedMap<String, String> form) {
        Caller caller = callers.caller();
        QuotaService.AccountLine a = quotas.account(caller, accountId);
        Map<String, String> typed = typed(form);
        try {
            quotas.set(caller, accountId, parse(typed));
            return Flash.info(Text.of(IamMessages.class, m -> m.flash_quotas_saved()))
                    .redirect("/admin/quotas/" + accountId);
        } catch (InvalidInputException e) {
            Map<QuotaKind, QuotaView> now = new HashMap<>();
            quotas.view(caller, accountId).forEach(q -> now.put(q.kind(), q));
            List<Line> lines = new ArrayList<>();
            for (QuotaKind k : QuotaKind.values()) {
                lines.add(line(k, typed.getOrDefault(field(k), ""), now.get(k).usage(), now.get(k).limit()));
            }
            return Response.status(400).entity(Templates.account(a, lines, portal.fieldErrors(e))).build();
        }
    }

    private static Line line(QuotaKind k, String value, long usage, long effective) {
        return new Line(field(k), "quota_" + k.name(), value, usage, effective);
    }

    private static String field(QuotaKind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }

    /** The form's quota fields as typed (trimmed). */
    private static Map<String, String> typed(MultivaluedMap<String, String> form) {
        Map<String, String> out = new HashMap<>();
        for (QuotaKind k : QuotaKind.values()) {
            String v = form == null ? null : form.getFirst(field(k));
            out.put(field(k), v == null ? "" : v.trim());
        }
        return out;
    }

    /** Blank: null (no limit of this scope); a whole number; anything else a field error. */
    private static Map<String, Long> parse(Map<String, String> typed) {
        Map<String, Long> out = new HashMap<>();
        List<String> bad = new ArrayList<>();
        typed.forEach((field, value) -> {
            if (value.isEmpty()) {
                out.put(field, null);
            } else {
                try {
                    out.put(field, Long.valueOf(value));
                } catch (NumberFormatException e) {
                    bad.add(field);
                }
            }
        });
        if (!bad.isEmpty()) {
            io.nubis.platform.Validation v = io.nubis.platform.Validation.start();
            bad.forEach(f -> v.add(f, Text.of(IamMessages.class, m -> m.error_quota_value())));
            v.throwIfAny();
        }
        return out;
    }

}
