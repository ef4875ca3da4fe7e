package io.nubis.storage.web;

import io.nubis.platform.Action;
import io.nubis.platform.Text;
import io.nubis.storage.StorageMessages;
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
import io.nubis.storage.BackupStorageService;
import io.nubis.storage.BackupStorageStatus;
import io.nubis.storage.BackupStorageView;
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

/** Backup storage pages (admin): list with capacity, add, detail with capacity, host key, reconnect and delete. */
@Path("/admin/backup-storage")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class BackupStoragePages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<BackupStorageView> items, String base, boolean busy);

        static native TemplateInstance form(BackupStorageForm form, List<Option> types, Map<String, String> errors);

        static native TemplateInstance detail(BackupStorageView bs, List<JobView> jobs, String importFolders,
                List<Option> zoneChoices, Map<String, String> errors);
    }

    @Inject
    CallerResolver callers;
    @Inject
    io.nubis.compute.ZoneService zones;
    @Inject
    PortalRequest portal;
    @Inject
    AccessControl access;
    @Inject
    BackupStorageService service;
    @Inject
    JobService jobs;

    @Action("backup-storage:read")
    @GET
    public TemplateInstance list(@RestQuery String page, @RestQuery String size) {
        Page<BackupStorageView> result = service.list(callers.caller(), null, PageParams.of(page, size));
        // stores being connected: the table refreshes itself until they settle
        return Templates.list(result, PageParams.base("/admin/backup-storage", Map.of()),
                result.items().stream().anyMatch(b -> b.status() == BackupStorageStatus.Connecting));
    }

    @Action("backup-storage:read")
    @GET
    @Path("new")
    public TemplateInstance addForm() {
        access.requireAdmin(callers.caller());
        return Templates.form(BackupStorageForm.empty(), types(), Map.of());
    }

    @Action("backup-storage:create")
    @POST
    public Response add(@RestForm String name, @RestForm String description, @RestForm String type,
            @RestForm String address, @RestForm String port, @RestForm String username, @RestForm String password,
            @RestForm String privateKey, @RestForm String rootPath, @RestForm String importFolders,
            @RestForm String monitors, @RestForm String pool, @RestForm String cephUser, @RestForm String cephKey) {
        Caller caller = callers.caller();
        BackupStorageForm form = new BackupStorageForm(name, description, type, address, port, username, password,
                privateKey, rootPath, importFolders, monitors, pool, cephUser, cephKey);
        try {
            if (!form.portIsNumber()) {
                throw new InvalidInputException("port", Text.msg(m -> m.error_integer()));
            }
            Accepted<BackupStorageView> a = service.add(caller, form.input());
            return Flash.info(Text.of(StorageMessages.class, m -> m.flash_bs_adding(a.resource().name())))
                    .redirect("/admin/backup-storage/" + a.resource().id());
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.form(form, types(), portal.fieldErrors(e))).build();
        }
    }

    @Action("backup-storage:read")
    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath String id) {
        Caller caller = callers.caller();
        BackupStorageView bs = service.get(caller, id);
        return Templates.detail(bs, jobs.forResource(caller, id, 5), String.join("\n", bs.importFolders()),
                zoneChoices(caller, bs), Map.of());
    }

    @Action("backup-storage:attach-zone")
    @POST
    @Path("{id}/zones")
    public Response attachZone(@RestPath String id, @RestForm String zoneId) {
        Caller caller = callers.caller();
        try {
            BackupStorageView bs = service.attachZone(caller, id, zoneId);
            return Flash.success(Text.of(StorageMessages.class, m -> m.flash_bs_zones(bs.name())))
                    .redirect("/admin/backup-storage/" + id);
        } catch (InvalidInputException e) {
            BackupStorageView bs = service.get(caller, id);
            return Response.status(400).entity(Templates.detail(bs, jobs.forResource(caller, id, 5),
                    String.join("\n", bs.importFolders()), zoneChoices(caller, bs), portal.fieldErrors(e))).build();
        }
    }

    @Action("backup-storage:detach-zone")
    @POST
    @Path("{id}/zones/{zoneId}/detach")
    public Response detachZone(@RestPath String id, @RestPath String zoneId) {
        BackupStorageView bs = service.detachZone(callers.caller(), id, zoneId);
        return Flash.success(Text.of(StorageMessages.class, m -> m.flash_bs_zones(bs.name())))
                .redirect("/admin/backup-storage/" + id);
    }

    /** Zones the store is not attached to yet. */
    private List<Option> zoneChoices(Caller caller, BackupStorageView bs) {
        return zones.all(caller).stream().filter(z -> bs.zones().stream().noneMatch(a -> a.id().equals(z.id())))
                .map(z -> new Option(z.id(), z.name())).toList();
    }

    @Action("backup-storage:update")
    @POST
    @Path("{id}/import-folders")
    public Response importFolders(@RestPath String id, @RestForm String importFolders) {
        Caller caller = callers.caller();
        try {
            BackupStorageView bs = service.setImportFolders(caller, id, BackupStorageForm.lines(importFolders));
            return Flash.success(Text.of(StorageMessages.class, m -> m.flash_bs_import_folders(bs.name())))
                    .redirect("/admin/backup-storage/" + id);
        } catch (InvalidInputException e) {
            BackupStorageView bs = service.get(caller, id);
            return Response.status(400).entity(Templates.detail(bs, jobs.forResource(caller, id, 5), importFolders,
                    zoneChoices(caller, bs), portal.fieldErrors(e))).build();
        }
    }

    @Action("backup-storage:reconnect")
    @POST
    @Path("{id}/reconnect")
    public Response reconnect(@RestPath String id) {
        try {
            return Flash
                    .info(Text.of(StorageMessages.class,
                            m -> m.flash_bs_reconnecting(service.reconnect(callers.caller(), id).resource().name())))
                    .redirect("/admin/backup-storage/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/backup-storage/" + id);
        }
    }

    @Action("backup-storage:accept-host-key")
    @POST
    @Path("{id}/accept-key")
    public Response acceptKey(@RestPath String id, @RestForm String fingerprint) {
        try {
            Accepted<BackupStorageView> a = service.acceptHostKey(callers.caller(), id, fingerprint);
            return Flash.success(Text.of(StorageMessages.class, m -> m.flash_bs_key_accepted(a.resource().name())))
                    .redirect("/admin/backup-storage/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/backup-storage/" + id);
        } catch (InvalidInputException e) {
            return Flash.error(Text.msg(m -> m.error_key_changed_again())).redirect("/admin/backup-storage/" + id);
        }
    }

    @Action("backup-storage:delete")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id) {
        Caller caller = callers.caller();
        String name = service.get(caller, id).name();
        try {
            service.delete(caller, id);
            return Flash.success(Text.of(StorageMessages.class, m -> m.flash_bs_deleted(name)))
                    .redirect("/admin/backup-storage");
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/backup-storage/" + id);
        }
    }

    private List<Option> types() {
        return service.types().stream().map(t -> new Option(t, t)).toList();
    }
}
