package io.nubis.iam.web;

import io.nubis.iam.AttachmentInput;
import io.nubis.iam.CallerResolver;
import io.nubis.iam.EffectivePermission;
import io.nubis.iam.GroupService;
import io.nubis.iam.IamMessages;
import io.nubis.iam.PasswordInput;
import io.nubis.iam.PolicyInput;
import io.nubis.iam.PolicyService;
import io.nubis.iam.PolicyView;
import io.nubis.iam.RoleInput;
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
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The buttons and small forms on an account page that act on one user, group or policy (issue 9), the policy editor and
 * a user's effective permissions. Each goes back to the account page with its outcome as a message.
 */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class IamObjectPages {

    @CheckedTemplate(basePath = "AccountPages")
    static class Templates {

        static native TemplateInstance permissions(UserView user, List<EffectivePermission> permissions);

        static native TemplateInstance policy(PolicyView policy, String statements, Map<String, String> errors,
                boolean manage);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    UserService users;
    @Inject
    GroupService groups;
    @Inject
    PolicyService policies;

    @Action("user:read")
    @GET
    @Path("iam/users/{id}/permissions")
    public TemplateInstance permissions(@RestPath String id) {
        return Templates.permissions(users.get(callers.caller(), id), policies.effective(callers.caller(), id));
    }

    @Action("user:disable")
    @POST
    @Path("iam/users/{id}/disable")
    public Response disableUser(@RestPath String id) {
        return onUser(id, () -> users.setEnabled(callers.caller(), id, false));
    }

    @Action("user:enable")
    @POST
    @Path("iam/users/{id}/enable")
    public Response enableUser(@RestPath String id) {
        return onUser(id, () -> users.setEnabled(callers.caller(), id, true));
    }

    @Action("user:update")
    @POST
    @Path("iam/users/{id}/role")
    public Response role(@RestPath String id, @RestForm String role) {
        return onUser(id, () -> users.setRole(callers.caller(), id, new RoleInput(role)));
    }

    @Action("user:reset-password")
    @POST
    @Path("iam/users/{id}/password")
    public Response password(@RestPath String id, @RestForm String password, @RestForm String temporary) {
        return onUser(id, () -> {
            users.resetPassword(callers.caller(), id, new PasswordInput(password, "on".equals(temporary)));
            return null;
        });
    }

    @Action("user:delete")
    @POST
    @Path("iam/users/{id}/delete")
    public Response deleteUser(@RestPath String id) {
        return onUser(id, () -> {
            users.delete(callers.caller(), id);
            return null;
        });
    }

    @Action("group:add-member")
    @POST
    @Path("iam/groups/{id}/members")
    public Response addMember(@RestPath String id, @RestForm String userId) {
        return AccountPages.act(groups.get(callers.caller(), id).accountId(),
                () -> groups.addMember(callers.caller(), id, userId));
    }

    @Action("group:remove-member")
    @POST
    @Path("iam/groups/{id}/members/{userId}/delete")
    public Response removeMember(@RestPath String id, @RestPath String userId) {
        return AccountPages.act(groups.get(callers.caller(), id).accountId(),
                () -> groups.removeMember(callers.caller(), id, userId));
    }

    @Action("group:delete")
    @POST
    @Path("iam/groups/{id}/delete")
    public Response deleteGroup(@RestPath String id) {
        return AccountPages.act(groups.get(callers.caller(), id).accountId(), () -> {
            groups.delete(callers.caller(), id);
            return null;
        });
    }

    @Action("policy:read")
    @GET
    @Path("iam/policies/{id}")
    public TemplateInstance policy(@RestPath String id) {
        PolicyView p = policies.get(callers.caller(), id);
        return Templates.policy(p, PolicyService.toJson(p.statements()), Map.of(), !callers.caller().member());
    }

    @Action("policy:update")
    @POST
    @Path("iam/policies/{id}")
    public Response updatePolicy(@RestPath String id, @RestForm String name, @RestForm String description,
            @RestForm String statements) {
        PolicyView p = policies.get(callers.caller(), id);
        try {
            policies.update(callers.caller(), id,
                    new PolicyInput(name, description, PolicyService.parseStatements(statements)));
            return Flash.success(Text.of(IamMessages.class, m -> m.flash_iam_saved()))
                    .redirect("/iam/accounts/" + p.accountId());
        } catch (InvalidInputException e) {
            PolicyView typed = new PolicyView(p.id(), p.accountId(), name, description, p.statements(),
                    p.attachedTo(), p.updatedAt());
            return Response.status(400).entity(Templates.policy(typed, statements == null ? "" : statements,
                    portal.fieldErrors(e), true)).build();
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/iam/policies/" + id);
        }
    }

    @Action("policy:delete")
    @POST
    @Path("iam/policies/{id}/delete")
    public Response deletePolicy(@RestPath String id) {
        return AccountPages.act(policies.get(callers.caller(), id).accountId(), () -> {
            policies.delete(callers.caller(), id);
            return null;
        });
    }

    /** The form sends the principal as {@code USER:<id>} or {@code GROUP:<id>}. */
    @Action("policy:attach")
    @POST
    @Path("iam/policies/{id}/attach")
    public Response attach(@RestPath String id, @RestForm String principal) {
        String p = principal == null ? "" : principal;
        int colon = p.indexOf(':');
        AttachmentInput in = colon < 0
                ? new AttachmentInput(null, null)
                : new AttachmentInput(p.substring(0, colon), p.substring(colon + 1));
        return AccountPages.act(policies.get(callers.caller(), id).accountId(),
                () -> policies.attach(callers.caller(), id, in));
    }

    @Action("policy:detach")
    @POST
    @Path("iam/policies/{id}/attachments/{type}/{principalId}/delete")
    public Response detach(@RestPath String id, @RestPath String type, @RestPath String principalId) {
        return AccountPages.act(policies.get(callers.caller(), id).accountId(),
                () -> policies.detach(callers.caller(), id, type, principalId));
    }

    private Response onUser(String id, Supplier<Object> change) {
        return AccountPages.act(users.get(callers.caller(), id).accountId(), change);
    }

}
