package io.nubis.offering.web;

import io.nubis.platform.Action;
import io.nubis.iam.AccessControl;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.offering.DiskOfferingInput;
import io.nubis.offering.DiskOfferingService;
import io.nubis.offering.DiskOfferingView;
import io.nubis.offering.OfferingMessages;
import io.nubis.platform.ConflictException;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.Page;
import io.nubis.platform.Text;
import io.nubis.platform.web.Flash;
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
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Disk offerings: list, create and edit (one form), enable/disable, delete with a confirmation page. Admin-only. */
@Path("/admin/disk-offerings")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class DiskOfferingPages {

    static final String BASE = "/admin/disk-offerings";

    /** The form as submitted: the size stays text so a bad value is shown back as typed. */
    public record DiskOfferingForm(String name, String description, String sizeGib) {
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<DiskOfferingView> offerings, String name, String base);

        static native TemplateInstance form(DiskOfferingView offering, DiskOfferingForm form,
                Map<String, String> errors);

        static native TemplateInstance confirmDelete(DiskOfferingView offering, String error);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    AccessControl access;
    @Inject
    DiskOfferingService offerings;

    @Action("disk-offering:read")
    @GET
    public TemplateInstance list(@RestQuery String name, @RestQuery String page, @RestQuery String size) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        return Templates.list(offerings.list(caller, name, null, PageParams.of(page, size)), name == null ? "" : name,
                PageParams.base(BASE, PageParams.filters("name", name)));
    }

    @Action("disk-offering:read")
    @GET
    @Path("new")
    public TemplateInstance createForm() {
        access.requireAdmin(callers.caller());
        return Templates.form(null, new DiskOfferingForm("", "", "10"), Map.of());
    }

    @Action("disk-offering:create")
    @POST
    public Response create(@RestForm String name, @RestForm String description, @RestForm String sizeGib) {
        DiskOfferingForm form = new DiskOfferingForm(name, description, sizeGib);
        try {
            DiskOfferingView o = offerings.create(callers.caller(), input(form));
            return Flash.success(Text.of(OfferingMessages.class, m -> m.flash_disk_offering_created(o.name())))
                    .redirect(BASE);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.form(null, form, portal.fieldErrors(e))).build();
        }
    }

    @Action("disk-offering:read")
    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@RestPath String id) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        DiskOfferingView o = offerings.get(caller, id);
        return Templates.form(o, new DiskOfferingForm(o.name(), o.description(), Integer.toString(o.sizeGib())),
                Map.of());
    }

    @Action("disk-offering:update")
    @POST
    @Path("{id}")
    public Response update(@RestPath String id, @RestForm String name, @RestForm String description,
            @RestForm String sizeGib) {
        Caller caller = callers.caller();
        DiskOfferingForm form = new DiskOfferingForm(name, description, sizeGib);
        try {
            DiskOfferingView o = offerings.update(caller, id, input(form));
            return Flash.success(Text.of(OfferingMessages.class, m -> m.flash_disk_offering_updated(o.name())))
                    .redirect(BASE);
        } catch (InvalidInputException e) {
            return Response.status(400)
                    .entity(Templates.form(offerings.get(caller, id), form, portal.fieldErrors(e))).build();
        }
    }

    @Action("disk-offering:enable")
    @POST
    @Path("{id}/enable")
    public Response enable(@RestPath String id) {
        DiskOfferingView o = offerings.setEnabled(callers.caller(), id, true);
        return Flash.success(Text.of(OfferingMessages.class, m -> m.flash_disk_offering_enabled(o.name())))
                .redirect(BASE);
    }

    @Action("disk-offering:disable")
    @POST
    @Path("{id}/disable")
    public Response disable(@RestPath String id) {
        DiskOfferingView o = offerings.setEnabled(callers.caller(), id, false);
        return Flash.success(Text.of(OfferingMessages.class, m -> m.flash_disk_offering_disabled(o.name())))
                .redirect(BASE);
    }

    @Action("disk-offering:read")
    @GET
    @Path("{id}/delete")
    public TemplateInstance confirmDelete(@RestPath String id) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        return Templates.confirmDelete(offerings.get(caller, id), null);
    }

    @Action("disk-offering:delete")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        DiskOfferingView o = offerings.get(caller, id);
        try {
            offerings.delete(caller, id);
            return Flash.success(Text.of(OfferingMessages.class, m -> m.flash_disk_offering_deleted(o.name())))
                    .redirect(BASE);
        } catch (ConflictException e) {
            return Response.status(409).entity(Templates.confirmDelete(o, portal.text(e))).build();
        }
    }

    /** Form text to service input; a size that does not parse is a field error like any other. */
    private static DiskOfferingInput input(DiskOfferingForm f) {
        Integer size = null;
        if (f.sizeGib() != null && !f.sizeGib().isBlank()) {
            try {
                size = Integer.valueOf(f.sizeGib().trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("sizeGib", Text.msg(m -> m.error_integer()));
            }
        }
        return new DiskOfferingInput(f.name(), f.description(), size);
    }
}
