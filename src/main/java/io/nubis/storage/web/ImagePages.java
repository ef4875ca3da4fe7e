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
import io.nubis.storage.ImageService;
import io.nubis.storage.ImageUploadFailedException;
import io.nubis.storage.ImageUploadService;
import io.nubis.storage.ImageStatus;
import io.nubis.storage.ImageView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Image pages (admin): list, register from a URL or path, upload a file, detail, delete. */
@Path("/admin/images")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ImagePages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<ImageView> images, String base, boolean busy, String sort,
                String sortBase);

        static native TemplateInstance form(ImageForm form, boolean upload, List<Option> stores,
                List<Option> formats, Map<String, String> errors);

        static native TemplateInstance detail(ImageView image, List<JobView> jobs, List<Option> copyTargets,
                Map<String, String> storeNames, Map<String, String> errors);

        static native TemplateInstance confirmDelete(ImageView image);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    AccessControl access;
    @Inject
    ImageService images;
    @Inject
    ImageUploadService uploads;
    @Inject
    BackupStorageService stores;
    @Inject
    JobService jobs;

    @Action("image:read")
    @GET
    public TemplateInstance list(@RestQuery String page, @RestQuery String size, @RestQuery String sort) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        String order = ImageService.ORDER.accepted(sort);
        Page<ImageView> result = images.list(caller, null, null, PageParams.of(page, size, order));
        // images being downloaded or deleted: the table refreshes itself until they settle
        return Templates.list(result, PageParams.base("/admin/images", PageParams.filters("sort", order)),
                result.items().stream()
                        .anyMatch(i -> i.status() == ImageStatus.Downloading || i.status() == ImageStatus.Deleting),
                order, PageParams.base("/admin/images", Map.of()));
    }

    @Action("image:read")
    @GET
    @Path("new")
    public TemplateInstance registerForm() {
        return form(ImageForm.empty(), false, Map.of());
    }

    @Action("image:read")
    @GET
    @Path("upload")
    public TemplateInstance uploadForm() {
        return form(ImageForm.empty(), true, Map.of());
    }

    @Action("image:create")
    @POST
    public Response register(@RestForm String name, @RestForm String description, @RestForm String format,
            @RestForm String url, @RestForm String backupStorageId, @RestForm String shared) {
        ImageForm form = new ImageForm(name, description, format, url, backupStorageId, shared != null);
        try {
            Accepted<ImageView> a = images.register(callers.caller(), form.input());
            return Flash.info(Text.of(StorageMessages.class, m -> m.flash_image_importing(a.resource().name())))
                    .redirect("/admin/images/" + a.resource().id());
        } catch (InvalidInputException e) {
            return Response.status(400).entity(form(form, false, portal.fieldErrors(e))).build();
        }
    }

    @Action("image:create")
    @POST
    @Path("upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm String name, @RestForm String description, @RestForm String format,
            @RestForm String backupStorageId, @RestForm String shared, @RestForm("file") FileUpload file) {
        ImageForm form = new ImageForm(name, description, format, null, backupStorageId, shared != null);
        try {
            if (file == null || file.uploadedFile() == null) {
                throw new InvalidInputException("file", Text.of(StorageMessages.class, m -> m.error_file_required()));
            }
            ImageView img;
            try (InputStream in = Files.newInputStream(file.uploadedFile())) {
                img = uploads.upload(callers.caller(), form.input(), in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Flash.success(Text.of(StorageMessages.class, m -> m.flash_image_uploaded(img.name())))
                    .redirect("/admin/images/" + img.id());
        } catch (InvalidInputException e) {
            return Response.status(400).entity(form(form, true, portal.fieldErrors(e))).build();
        } catch (ImageUploadFailedException e) {
            return Response.status(400)
                    .entity(form(form, true, Map.of("file", portal.text(e)))).build();
        }
    }

    @Action("image:read")
    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath String id) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        return detailPage(caller, id, Map.of());
    }

    private TemplateInstance detailPage(Caller caller, String id, Map<String, String> errors) {
        ImageView image = images.get(caller, id);
        List<io.nubis.storage.BackupStorageView> all = stores.all(caller);
        Map<String, String> names = new java.util.HashMap<>();
        all.forEach(b -> names.put(b.id(), b.name()));
        List<Option> targets = all.stream().filter(b -> !b.id().equals(image.backupStorageId()))
                .filter(b -> image.copies().stream().noneMatch(c -> c.backupStorageId().equals(b.id())))
                .map(b -> new Option(b.id(), b.name())).toList();
        return Templates.detail(image, jobs.forResource(caller, id, 5), targets, names, errors);
    }

    @Action("image:copy")
    @POST
    @Path("{id}/copies")
    public Response copy(@RestPath String id, @RestForm String backupStorageId) {
        Caller caller = callers.caller();
        try {
            Accepted<ImageView> a = images.copy(caller, id, backupStorageId);
            return Flash.info(Text.of(StorageMessages.class, m -> m.flash_image_copying(a.resource().name())))
                    .redirect("/admin/images/" + id);
        } catch (io.nubis.platform.InvalidInputException e) {
            return Response.status(400).entity(detailPage(caller, id, portal.fieldErrors(e))).build();
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/images/" + id);
        }
    }

    @Action("image:copy")
    @POST
    @Path("{id}/copies/{backupStorageId}/remove")
    public Response removeCopy(@RestPath String id, @RestPath String backupStorageId) {
        try {
            Accepted<ImageView> a = images.removeCopy(callers.caller(), id, backupStorageId);
            return Flash.info(Text.of(StorageMessages.class, m -> m.flash_image_copy_removing(a.resource().name())))
                    .redirect("/admin/images/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/images/" + id);
        }
    }

    @Action("image:read")
    @GET
    @Path("{id}/delete")
    public TemplateInstance confirmDelete(@RestPath String id) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        return Templates.confirmDelete(images.get(caller, id));
    }

    @Action("image:delete")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id) {
        try {
            Accepted<ImageView> a = images.delete(callers.caller(), id);
            return Flash.info(Text.of(StorageMessages.class, m -> m.flash_image_deleting(a.resource().name())))
                    .redirect("/jobs/" + a.jobId());
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/images/" + id);
        }
    }

    private TemplateInstance form(ImageForm form, boolean upload, Map<String, String> errors) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        List<Option> storeOptions = stores.all(caller).stream().map(b -> new Option(b.id(), b.name())).toList();
        List<Option> formats = ImageService.FORMATS.stream().sorted().map(f -> new Option(f, f)).toList();
        return Templates.form(form, upload, storeOptions, formats, errors);
    }
}
