package io.nubis.offering.web;

import io.nubis.platform.Action;
import io.nubis.platform.Text;
import io.nubis.offering.OfferingMessages;
import io.nubis.iam.AccessControl;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.offering.AllocatorStrategy;
import io.nubis.offering.InstanceOfferingInput;
import io.nubis.offering.InstanceOfferingView;
import io.nubis.offering.OfferingService;
import io.nubis.platform.ConflictException;
import io.nubis.platform.InvalidInputException;
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
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Instance offerings: list, create and edit (one form), enable/disable, delete with a confirmation page. Admin-only.
 */
@Path("/admin/offerings")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class OfferingPages {

    /** The form as submitted: numbers stay text so a bad value is shown back as typed. */
    public record OfferingForm(String name, String description, String cpus, String memoryMib,
            String allocatorStrategy) {
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<InstanceOfferingView> offerings, String name, String base);

        static native TemplateInstance form(InstanceOfferingView offering, OfferingForm form,
                List<Option> strategies, Map<String, String> errors);

        static native TemplateInstance confirmDelete(InstanceOfferingView offering, String error);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    AccessControl access;
    @Inject
    OfferingService offerings;

    @Action("instance-offering:read")
    @GET
    public TemplateInstance list(@RestQuery String name, @RestQuery String page, @RestQuery String size) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        Page<InstanceOfferingView> result = offerings.list(caller, name, null, PageParams.of(page, size));
        return Templates.list(result, name == null ? "" : name,
                PageParams.base("/admin/offerings", PageParams.filters("name", name)));
    }

    @Action("instance-offering:read")
    @GET
    @Path("new")
    public TemplateInstance createForm() {
        access.requireAdmin(callers.caller());
        return Templates.form(null, new OfferingForm("", "", "1", "1024", AllocatorStrategy.LeastUsed.name()),
                strategies(), Map.of());
    }

    @Action("instance-offering:create")
    @POST
    public Response create(@RestForm String name, @RestForm String description, @RestForm String cpus,
            @RestForm String memoryMib, @RestForm String allocatorStrategy) {
        OfferingForm form = new OfferingForm(name, description, cpus, memoryMib, allocatorStrategy);
        try {
            InstanceOfferingView o = offerings.create(callers.caller(), input(form));
            return Flash.success(Text.of(OfferingMessages.class, m -> m.flash_offering_created(o.name())))
                    .redirect("/admin/offerings");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.form(null, form, strategies(), portal.fieldErrors(e)))
                    .build();
        }
    }

    @Action("instance-offering:read")
    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@RestPath String id) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        InstanceOfferingView o = offerings.get(caller, id);
        return Templates.form(o, new OfferingForm(o.name(), o.description(), Integer.toString(o.cpus()),
                Long.toString(o.memoryMib()), o.allocatorStrategy().name()), strategies(), Map.of());
    }

    @Action("instance-offering:update")
    @POST
    @Path("{id}")
    public Response update(@RestPath String id, @RestForm String name, @RestForm String description,
            @RestForm String cpus, @RestForm String memoryMib, @RestForm String allocatorStrategy) {
        Caller caller = callers.caller();
        OfferingForm form = new OfferingForm(name, description, cpus, memoryMib, allocatorStrategy);
        try {
            InstanceOfferingView o = offerings.update(caller, id, input(form));
            return Flash.success(Text.of(OfferingMessages.class, m -> m.flash_offering_updated(o.name())))
                    .redirect("/admin/offerings");
        } catch (InvalidInputException e) {
            return Response.status(400)
                    .entity(Templates.form(offerings.get(caller, id), form, strategies(), portal.fieldErrors(e)))
                    .build();
        }
    }

    @Action("instance-offering:enable")
    @POST
    @Path("{id}/enable")
    public Response enable(@RestPath String id) {
        InstanceOfferingView o = offerings.setEnabled(callers.caller(), id, true);
        return Flash.success(Text.of(OfferingMessages.class, m -> m.flash_offering_enabled(o.name())))
                .redirect("/admin/offerings");
    }

    @Action("instance-offering:disable")
    @POST
    @Path("{id}/disable")
    public Response disable(@RestPath String id) {
        InstanceOfferingView o = offerings.setEnabled(callers.caller(), id, false);
        return Flash.success(Text.of(OfferingMessages.class, m -> m.flash_offering_disabled(o.name())))
                .redirect("/admin/offerings");
    }

    @Action("instance-offering:read")
    @GET
    @Path("{id}/delete")
    public TemplateInstance confirmDelete(@RestPath String id) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        return Templates.confirmDelete(offerings.get(caller, id), null);
    }

    @Action("instance-offering:delete")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        InstanceOfferingView o = offerings.get(caller, id);
        try {
            offerings.delete(caller, id);
            return Flash.success(Text.of(OfferingMessages.class, m -> m.flash_offering_deleted(o.name())))
                    .redirect("/admin/offerings");
        } catch (ConflictException e) {
            return Response.status(409).entity(Templates.confirmDelete(o, portal.text(e))).build();
        }
    }

    /** Form text to service input; a number that does not parse becomes a field error like any other. */
    private static InstanceOfferingInput input(OfferingForm f) {
        Integer cpus = parseInt(f.cpus());
        Long memory = parseLong(f.memoryMib());
        if ((f.cpus() != null && !f.cpus().isBlank() && cpus == null)
                || (f.memoryMib() != null && !f.memoryMib().isBlank() && memory == null)) {
            throw new InvalidInputException(cpus == null && f.cpus() != null && !f.cpus().isBlank()
                    ? "cpus"
                    : "memoryMib", Text.msg(m -> m.error_integer()));
        }
        return new InstanceOfferingInput(f.name(), f.description(), cpus, memory, f.allocatorStrategy());
    }

    private static Integer parseInt(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private List<Option> strategies() {
        return portal.options(AllocatorStrategy.values());
    }
}
