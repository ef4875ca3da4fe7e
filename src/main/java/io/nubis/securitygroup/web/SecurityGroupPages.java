package io.nubis.securitygroup.web;

import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.platform.Action;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NubisException;
import io.nubis.platform.Text;
import io.nubis.platform.web.Flash;
import io.nubis.platform.web.Option;
import io.nubis.platform.web.PortalRequest;
import io.nubis.securitygroup.SecurityGroupInput;
import io.nubis.securitygroup.SecurityGroupMessages;
import io.nubis.securitygroup.SecurityGroupRuleInput;
import io.nubis.securitygroup.SecurityGroupService;
import io.nubis.securitygroup.SecurityGroupView;
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

/**
 * Security groups of the tenant's account (issue 11): list and create, a group's page with its rules (add, remove) and
 * delete. NICs join and leave on the VM's page.
 */
@Path("/portal/security-groups")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class SecurityGroupPages {

    /** The create form as typed. */
    public record GroupForm(String name, String description) {
    }

    /** The rule form as typed. */
    public record RuleForm(String direction, String protocol, String portStart, String portEnd, String cidr,
            String remoteGroupId) {
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(List<SecurityGroupView> groups, GroupForm form, Map<String, String> errors);

        static native TemplateInstance detail(SecurityGroupView group, List<Option> groups,
                List<SecurityGroupService.Member> members, RuleForm form, Map<String, String> errors);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    SecurityGroupService groups;

    @Action("security-group:read")
    @GET
    public TemplateInstance list() {
        return Templates.list(groups.list(callers.caller()), new GroupForm("", ""), Map.of());
    }

    @Action("security-group:create")
    @POST
    public Response create(@RestForm String name, @RestForm String description) {
        Caller caller = callers.caller();
        try {
            SecurityGroupView g = groups.create(caller, new SecurityGroupInput(name, description));
            return Flash.success(Text.of(SecurityGroupMessages.class, m -> m.flash_sg_created(g.name())))
                    .redirect("/portal/security-groups/" + g.id());
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.list(groups.list(caller), new GroupForm(name, description),
                    portal.fieldErrors(e))).build();
        }
    }

    @Action(value = "security-group:read", resource = "id")
    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath String id) {
        return detailPage(callers.caller(), id, new RuleForm("ingress", "tcp", "", "", "0.0.0.0/0", ""), Map.of());
    }

    @Action(value = "security-group:add-rule", resource = "id")
    @POST
    @Path("{id}/rules")
    public Response addRule(@RestPath String id, @RestForm String direction, @RestForm String protocol,
            @RestForm String portStart, @RestForm String portEnd, @RestForm String cidr,
            @RestForm String remoteGroupId) {
        Caller caller = callers.caller();
        RuleForm form = new RuleForm(direction, protocol, portStart, portEnd, cidr, remoteGroupId);
        Map<String, String> bad = new java.util.HashMap<>();
        Integer start = port(portStart, "portStart", bad);
        Integer end = port(portEnd, "portEnd", bad);
        if (!bad.isEmpty()) {
            return Response.status(400).entity(detailPage(caller, id, form, bad)).build();
        }
        boolean toGroup = remoteGroupId != null && !remoteGroupId.isBlank();
        try {
            groups.addRule(caller, id, new SecurityGroupRuleInput(direction, protocol, start, end,
                    toGroup ? null : cidr, toGroup ? remoteGroupId : null));
            return Flash.success(Text.of(SecurityGroupMessages.class, m -> m.flash_sg_rules_saved()))
                    .redirect("/portal/security-groups/" + id);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(detailPage(caller, id, form, portal.fieldErrors(e))).build();
        } catch (io.nubis.platform.ConflictException e) {
            return Response.status(409).entity(detailPage(caller, id, form, Map.of("direction", portal.text(e.text()))))
                    .build();
        }
    }

    @Action(value = "security-group:remove-rule", resource = "id")
    @POST
    @Path("{id}/rules/{ruleId}/delete")
    public Response removeRule(@RestPath String id, @RestPath String ruleId) {
        groups.removeRule(callers.caller(), id, ruleId);
        return Flash.success(Text.of(SecurityGroupMessages.class, m -> m.flash_sg_rules_saved()))
                .redirect("/portal/security-groups/" + id);
    }

    @Action(value = "security-group:delete", resource = "id")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id) {
        Caller caller = callers.caller();
        SecurityGroupView g = groups.get(caller, id);
        try {
            groups.delete(caller, id);
            return Flash.success(Text.of(SecurityGroupMessages.class, m -> m.flash_sg_deleted(g.name())))
                    .redirect("/portal/security-groups");
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/portal/security-groups/" + id);
        }
    }

    private TemplateInstance detailPage(Caller caller, String id, RuleForm form, Map<String, String> errors) {
        SecurityGroupView g = groups.get(caller, id);
        List<Option> others = groups.list(caller).stream().filter(x -> x.accountId().equals(g.accountId()))
                .map(x -> new Option(x.id(), x.name())).toList();
        return Templates.detail(g, others, groups.members(caller, id), form, errors);
    }

    /** A port typed into the form: empty is none; anything else must be a number (400 on the field otherwise). */
    private Integer port(String value, String field, Map<String, String> bad) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            bad.put(field, portal.text(Text.of(SecurityGroupMessages.class, m -> m.error_sg_port())));
            return null;
        }
    }
}
