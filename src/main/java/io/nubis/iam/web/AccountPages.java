package io.nubis.iam.web;

import io.nubis.iam.AccountInput;
import io.nubis.iam.AccountService;
import io.nubis.iam.AccountView;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.iam.GroupService;
import io.nubis.iam.GroupView;
import io.nubis.iam.IamMessages;
import io.nubis.iam.PolicyService;
import io.nubis.iam.PolicyView;
import io.nubis.iam.UserService;
import io.nubis.iam.UserView;
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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Accounts in the portal (issue 9): the admins' list with a create form, and one page per account (for admins and the
 * account's users) with its users, groups and policies and the forms that change them. A refused form comes back with
 * its messages per field; a refused button, as a message on the page.
 */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

    /** Which form on the account page was sent, what was typed in it, and its errors. */
    public record FormState(String form, Map<String, String> values, Map<String, String> errors) {

        static FormState none() {
            return new FormState("", Map.of(), Map.of());
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }

        public boolean failed(String f) {
            return form.equals(f) && !errors.isEmpty();
        }

        /** What was typed in {@code field} of form {@code f}, when that form was sent; else empty. */
        public String of(String f, String field) {
            return form.equals(f) ? value(field) : "";
        }

        /** The errors of form {@code f}, when that form was sent; else none. */
        public Map<String, String> errorsOf(String f) {
            return form.equals(f) ? errors : Map.of();
        }

        /** The statements box of the new-policy form: as typed, or an example. */
        public String statements() {
            return form.equals("policy") ? value("statements") : EXAMPLE;
        }
    }

    static final String EXAMPLE = "[{\"effect\": \"Allow\", \"actions\": [\"vm:read\"], \"resources\": [\"*\"]}]";

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(List<AccountView> accounts, FormState state);

        static native TemplateInstance detail(AccountView account, List<io.nubis.iam.QuotaView> quotas,
                List<UserView> users, List<GroupView> groups, List<PolicyView> policies, boolean manage,
                FormState state);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    AccountService accounts;
    @Inject
    UserService users;
    @Inject
    GroupService groups;
    @Inject
    PolicyService policies;
    @Inject
    io.nubis.iam.QuotaService quotas;

    @Action("account:read")
    @GET
    @Path("admin/accounts")
    public TemplateInstance list() {
        return Templates.list(accounts.list(callers.caller()), FormState.none());
    }

    @Action("account:create")
    @POST
    @Path("admin/accounts")
    public Response create(MultivaluedMap<String, String> form) {
        Caller caller = callers.caller();
        try {
            AccountView a = accounts.create(caller, new AccountInput(form.getFirst("name"),
                    form.getFirst("description")));
            return Flash.success(Text.of(IamMessages.class, m -> m.flash_account_created(a.name())))
                    .redirect("/iam/accounts/" + a.id());
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.list(accounts.list(caller), state("account", form, e)))
                    .build();
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/admin/accounts");
        }
    }

    @Action(value = "account:read", resource = "")
    @GET
    @Path("iam/account")
    public Response own() {
        return Flash.redirectTo("/iam/accounts/" + callers.caller().accountId());
    }

    @Action("account:read")
    @GET
    @Path("iam/accounts/{id}")
    public TemplateInstance detail(@RestPath String id) {
        return page(callers.caller(), id, FormState.none());
    }

    @Action("account:disable")
    @POST
    @Path("iam/accounts/{id}/disable")
    public Response disable(@RestPath String id) {
        return act(id, () -> accounts.setEnabled(callers.caller(), id, false));
    }

    @Action("account:enable")
    @POST
    @Path("iam/accounts/{id}/enable")
    public Response enable(@RestPath String id) {
        return act(id, () -> accounts.setEnabled(callers.caller(), id, true));
    }

    @Action("account:delete")
    @POST
    @Path("iam/accounts/{id}/delete")
    public Response delete(@RestPath String id) {
        try {
            accounts.delete(callers.caller(), id);
            return Flash.success(Text.of(IamMessages.class, m -> m.flash_account_deleted()))
                    .redirect("/admin/accounts");
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/iam/accounts/" + id);
        }
    }

    @Action(value = "user:create", resource = "")
    @POST
    @Path("iam/accounts/{id}/users")
    public Response createUser(@RestPath String id, MultivaluedMap<String, String> form) {
        return submit(id, "user", form, () -> users.create(callers.caller(), id, new io.nubis.iam.UserInput(
                form.getFirst("username"), form.getFirst("email"), form.getFirst("firstName"),
                form.getFirst("lastName"), form.getFirst("password"), "on".equals(form.getFirst("temporary")),
                form.getFirst("role"))));
    }

    @Action(value = "group:create", resource = "")
    @POST
    @Path("iam/accounts/{id}/groups")
    public Response createGroup(@RestPath String id, MultivaluedMap<String, String> form) {
        return submit(id, "group", form, () -> groups.create(callers.caller(), id,
                new io.nubis.iam.GroupInput(form.getFirst("name"), form.getFirst("description"))));
    }

    @Action(value = "policy:create", resource = "")
    @POST
    @Path("iam/accounts/{id}/policies")
    public Response createPolicy(@RestPath String id, MultivaluedMap<String, String> form) {
        return submit(id, "policy", form, () -> policies.create(callers.caller(), id, new io.nubis.iam.PolicyInput(
                form.getFirst("name"), form.getFirst("description"),
                PolicyService.parseStatements(form.getFirst("statements")))));
    }

    /** Runs a form's change: back to the account page, or the page again with the form's errors (400). */
    private Response submit(String accountId, String formName, MultivaluedMap<String, String> form,
            Supplier<Object> change) {
        Caller caller = callers.caller();
        try {
            change.get();
            return Flash.success(Text.of(IamMessages.class, m -> m.flash_iam_saved()))
                    .redirect("/iam/accounts/" + accountId);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(caller, accountId, state(formName, form, e))).build();
        } catch (NubisException e) {
            Map<String, String> errors = Map.of("_form", portal.text(e));
            return Response.status(e.status())
                    .entity(page(caller, accountId, new FormState(formName, values(form), errors))).build();
        }
    }

    /** Runs a button's change and goes back to the account page with its outcome as a message. */
    static Response act(String accountId, Supplier<Object> change) {
        try {
            change.get();
            return Flash.success(Text.of(IamMessages.class, m -> m.flash_iam_saved()))
                    .redirect("/iam/accounts/" + accountId);
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/iam/accounts/" + accountId);
        }
    }

    private TemplateInstance page(Caller caller, String id, FormState state) {
        AccountView a = accounts.view(caller, id);
        boolean manage = !caller.member();
        return Templates.detail(a, quotas.view(caller, a.id()), users.list(caller, id), groups.list(caller, id),
                policies.list(caller, id), manage, state);
    }

    private FormState state(String formName, MultivaluedMap<String, String> form, InvalidInputException e) {
        return new FormState(formName, values(form), portal.fieldErrors(e));
    }

    private static Map<String, String> values(MultivaluedMap<String, String> form) {
        Map<String, String> v = new HashMap<>();
        form.forEach((k, l) -> {
            if (!k.equals("password") && l != null && !l.isEmpty()) {
                v.put(k, l.get(0));
            }
        });
        return v;
    }
}
