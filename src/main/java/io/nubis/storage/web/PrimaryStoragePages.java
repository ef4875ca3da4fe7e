package io.nubis.storage.web;

import io.nubis.platform.Action;
import io.nubis.platform.Text;
import io.nubis.storage.StorageMessages;
import io.nubis.compute.ClusterService;
import io.nubis.compute.ZoneService;
import io.nubis.iam.AccessControl;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.job.Accepted;
import io.nubis.job.JobService;
import io.nubis.job.JobView;
import io.nubis.platform.ConflictException;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.Page;
import io.nubis.platform.web.Flash;
import io.nubis.platform.web.Option;
import io.nubis.platform.web.PageParams;
import io.nubis.platform.web.PortalRequest;
import io.nubis.storage.PrimaryStorageInput;
import io.nubis.storage.PrimaryStorageService;
import io.nubis.storage.PrimaryStorageView;
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

/** Primary storage pages (admin): list, add, detail with clusters (attach, detach) and capacity per host. */
@Path("/admin/primary-storage")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class PrimaryStoragePages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<PrimaryStorageView> items, String base);

        static native TemplateInstance form(PrimaryStorageInput form, List<Option> zones, List<Option> types,
                Map<String, String> errors);

        static native TemplateInstance detail(PrimaryStorageView ps, List<Option> clusters, List<JobView> jobs,
                Map<String, String> errors);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    AccessControl access;
    @Inject
    PrimaryStorageService service;
    @Inject
    ZoneService zones;
    @Inject
    ClusterService clusters;
    @Inject
    JobService jobs;

    @Action("primary-storage:read")
    @GET
    public TemplateInstance list(@RestQuery String page, @RestQuery String size) {
        return Templates.list(service.list(callers.caller(), null, PageParams.of(page, size)),
                PageParams.base("/admin/primary-storage", Map.of()));
    }

    @Action("primary-storage:read")
    @GET
    @Path("new")
    public TemplateInstance addForm() {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        return Templates.form(new PrimaryStorageInput("", "", "", "Local", "/var/lib/nubis/storage", ""),
                zoneOptions(caller), typeOptions(), Map.of());
    }

    @Action("primary-storage:create")
    @POST
    public Response add(@RestForm String zoneId, @RestForm String name, @RestForm String description,
            @RestForm String type, @RestForm String path, @RestForm String url, @RestForm String monitors,
            @RestForm String pool, @RestForm String cephUser, @RestForm String cephKey,
            @RestForm("portal") String iscsiPortal, @RestForm String iqn) {
        Caller caller = callers.caller();
        PrimaryStorageInput in = new PrimaryStorageInput(zoneId, name, description, type, path, url, monitors, pool,
                cephUser, cephKey, iscsiPortal, iqn);
        try {
            PrimaryStorageView ps = service.create(caller, in);
            return Flash.success(Text.of(StorageMessages.class, m -> m.flash_ps_created(ps.name())))
                    .redirect("/admin/primary-storage/" + ps.id());
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.form(in.withoutKey(), zoneOptions(caller), typeOptions(),
                    portal.fieldErrors(e)))
                    .build();
        }
    }

    @Action("primary-storage:read")
    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath String id) {
        return detailPage(id, Map.of());
    }

    @Action("primary-storage:attach")
    @POST
    @Path("{id}/attach")
    public Response attach(@RestPath String id, @RestForm String clusterId) {
        try {
            Accepted<PrimaryStorageView> a = service.attach(callers.caller(), id, clusterId);
            return Flash.info(Text.of(StorageMessages.class, m -> m.flash_ps_attaching(a.resource().name())))
                    .redirect("/admin/primary-storage/" + id);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(detailPage(id, portal.fieldErrors(e))).build();
        }
    }

    @Action("primary-storage:detach")
    @POST
    @Path("{id}/detach")
    public Response detach(@RestPath String id, @RestForm String clusterId) {
        try {
            PrimaryStorageView ps = service.detach(callers.caller(), id, clusterId).resource();
            return Flash.success(Text.of(StorageMessages.class, m -> m.flash_ps_detached(ps.name())))
                    .redirect("/admin/primary-storage/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/primary-storage/" + id);
        }
    }

    @Action("primary-storage:delete")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id) {
        Caller caller = callers.caller();
        String name = service.get(caller, id).name();
        try {
            service.delete(caller, id);
            return Flash.success(Text.of(StorageMessages.class, m -> m.flash_ps_deleted(name)))
                    .redirect("/admin/primary-storage");
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/primary-storage/" + id);
        }
    }

    @Action("primary-storage:update")
    @POST
    @Path("{id}/settings")
    public Response settings(@RestPath String id, @RestForm String state, @RestForm String overprovisioningRatio) {
        Double ratio;
        try {
            ratio = overprovisioningRatio == null || overprovisioningRatio.isBlank()
                    ? null
                    : Double.valueOf(overprovisioningRatio.trim());
        } catch (NumberFormatException e) {
            ratio = Double.NaN; // not a number: refused by the service with the field's message
        }
        try {
            PrimaryStorageView ps = service.update(callers.caller(), id,
                    new io.nubis.storage.PrimaryStorageSettings(state, ratio));
            return Flash.success(Text.of(StorageMessages.class, m -> m.flash_ps_updated(ps.name())))
                    .redirect("/admin/primary-storage/" + id);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(detailPage(id, portal.fieldErrors(e))).build();
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/primary-storage/" + id);
        }
    }

    @Action("primary-storage:maintenance")
    @POST
    @Path("{id}/maintenance")
    public Response maintenance(@RestPath String id, @RestForm String stopVms) {
        try {
            Accepted<PrimaryStorageView> a = service.maintenance(callers.caller(), id, "true".equals(stopVms));
            return Flash.info(Text.of(StorageMessages.class, m -> m.flash_ps_maintenance(a.resource().name())))
                    .redirect("/admin/primary-storage/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/primary-storage/" + id);
        }
    }

    @Action("primary-storage:refresh")
    @POST
    @Path("{id}/refresh")
    public Response refresh(@RestPath String id) {
        Accepted<PrimaryStorageView> a = service.refresh(callers.caller(), id);
        return Flash.info(Text.of(StorageMessages.class, m -> m.flash_ps_refreshing(a.resource().name())))
                .redirect("/admin/primary-storage/" + id);
    }

    @Action("primary-storage:clean-cache")
    @POST
    @Path("{id}/cache-cleanup")
    public Response cleanCache(@RestPath String id) {
        Accepted<PrimaryStorageView> a = service.cleanCache(callers.caller(), id);
        return Flash.info(Text.of(StorageMessages.class, m -> m.flash_ps_cache_cleanup(a.resource().name())))
                .redirect("/admin/primary-storage/" + id);
    }

    private TemplateInstance detailPage(String id, Map<String, String> errors) {
        Caller caller = callers.caller();
        PrimaryStorageView ps = service.get(caller, id);
        List<Option> candidates = clusters.all(caller).stream().filter(c -> c.zoneId().equals(ps.zoneId()))
                .filter(c -> ps.clusters().stream().noneMatch(a -> a.clusterId().equals(c.id())))
                .map(c -> new Option(c.id(), c.name())).toList();
        return Templates.detail(ps, candidates, jobs.forResource(caller, id, 5), errors);
    }

    private List<Option> typeOptions() {
        return service.types().stream().map(t -> new Option(t, t)).toList();
    }

    private List<Option> zoneOptions(Caller caller) {
        return zones.all(caller).stream().map(z -> new Option(z.id(), z.name())).toList();
    }
}
