package io.nubis.compute.web;

import io.nubis.platform.Action;
import io.nubis.platform.Text;
import io.nubis.compute.ComputeMessages;
import io.nubis.compute.ClusterService;
import io.nubis.compute.ClusterView;
import io.nubis.compute.DeletionImpact;
import io.nubis.compute.ZoneInput;
import io.nubis.compute.ZoneService;
import io.nubis.compute.ZoneView;
import io.nubis.iam.AccessControl;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.job.Accepted;
import io.nubis.platform.ConflictException;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.Page;
import io.nubis.platform.PageRequest;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Zones: list, detail, create and edit (one form), enable/disable, delete with a confirmation page. Admin-only. */
@Path("/admin/zones")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ZonePages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<ZoneView> zones, String name, String base);

        static native TemplateInstance detail(ZoneView zone, List<ClusterView> clusters);

        static native TemplateInstance form(ZoneView zone, ZoneInput form, Map<String, String> errors);

        static native TemplateInstance confirmDelete(ZoneView zone, DeletionImpact impact, String error);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    AccessControl access;
    @Inject
    ZoneService zones;
    @Inject
    ClusterService clusters;

    @Action("zone:read")
    @GET
    public TemplateInstance list(@RestQuery String name, @RestQuery String page, @RestQuery String size) {
        Page<ZoneView> result = zones.list(caller(), name, PageParams.of(page, size));
        return Templates.list(result, name == null ? "" : name,
                PageParams.base("/admin/zones", PageParams.filters("name", name)));
    }

    @Action("zone:read")
    @GET
    @Path("new")
    public TemplateInstance createForm() {
        access.requireAdmin(caller());
        return Templates.form(null, new ZoneInput("", ""), Map.of());
    }

    @Action("zone:create")
    @POST
    public Response create(@RestForm String name, @RestForm String description) {
        ZoneInput in = new ZoneInput(name, description);
        try {
            ZoneView z = zones.create(caller(), in);
            return Flash.success(Text.of(ComputeMessages.class, m -> m.flash_zone_created(z.name())))
                    .redirect("/admin/zones/" + z.id());
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.form(null, in, portal.fieldErrors(e))).build();
        }
    }

    @Action("zone:read")
    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath String id) {
        Caller caller = caller();
        ZoneView z = zones.get(caller, id);
        return Templates.detail(z, clusters.list(caller, id, null, new PageRequest(1, PageRequest.MAX_SIZE)).items());
    }

    @Action("zone:read")
    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@RestPath String id) {
        ZoneView z = zones.get(caller(), id);
        return Templates.form(z, new ZoneInput(z.name(), z.description()), Map.of());
    }

    @Action("zone:update")
    @POST
    @Path("{id}")
    public Response update(@RestPath String id, @RestForm String name, @RestForm String description) {
        Caller caller = caller();
        ZoneInput in = new ZoneInput(name, description);
        try {
            ZoneView z = zones.update(caller, id, in);
            return Flash.success(Text.of(ComputeMessages.class, m -> m.flash_zone_updated(z.name())))
                    .redirect("/admin/zones/" + z.id());
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.form(zones.get(caller, id), in, portal.fieldErrors(e)))
                    .build();
        }
    }

    @Action("zone:enable")
    @POST
    @Path("{id}/enable")
    public Response enable(@RestPath String id) {
        return setState(id, true);
    }

    @Action("zone:disable")
    @POST
    @Path("{id}/disable")
    public Response disable(@RestPath String id) {
        return setState(id, false);
    }

    private Response setState(String id, boolean enabled) {
        try {
            ZoneView z = zones.setState(caller(), id, enabled);
            return Flash.success(Text.of(ComputeMessages.class,
                    m -> enabled ? m.flash_zone_enabled(z.name()) : m.flash_zone_disabled(z.name())))
                    .redirect("/admin/zones/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/zones/" + id);
        }
    }

    @Action("zone:read")
    @GET
    @Path("{id}/delete")
    public TemplateInstance confirmDelete(@RestPath String id) {
        Caller caller = caller();
        return Templates.confirmDelete(zones.get(caller, id), zones.deletionImpact(caller, id), null);
    }

    @Action("zone:delete")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id, @RestForm boolean cascade) {
        Caller caller = caller();
        ZoneView z = zones.get(caller, id);
        try {
            Optional<Accepted<ZoneView>> job = zones.delete(caller, id, cascade);
            if (job.isPresent()) {
                return Flash.info(Text.of(ComputeMessages.class, m -> m.flash_zone_deleting(z.name())))
                        .redirect("/jobs/" + job.get().jobId());
            }
            return Flash.success(Text.of(ComputeMessages.class, m -> m.flash_zone_deleted(z.name())))
                    .redirect("/admin/zones");
        } catch (ConflictException e) {
            return Response.status(409)
                    .entity(Templates.confirmDelete(z, zones.deletionImpact(caller, id), portal.text(e))).build();
        }
    }

    private Caller caller() {
        return callers.caller();
    }
}
