package io.nubis.storage.web;

import io.nubis.iam.CallerResolver;
import io.nubis.platform.Page;
import io.nubis.platform.web.PageParams;
import io.nubis.storage.ImageService;
import io.nubis.storage.ImageView;
import io.nubis.storage.VolumeService;
import io.nubis.storage.VolumeView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.resteasy.reactive.RestQuery;

/** Tenant pages: the images an account may use (shared + its own) and its volumes. Admins see everything. */
@Path("/portal")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class StoragePortalPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance images(Page<ImageView> images, String base);

        static native TemplateInstance volumes(Page<VolumeView> volumes, String base);
    }

    @Inject
    CallerResolver callers;
    @Inject
    ImageService images;
    @Inject
    VolumeService volumes;

    @GET
    @Path("images")
    public TemplateInstance images(@RestQuery String page, @RestQuery String size) {
        return Templates.images(images.list(callers.caller(), null, null, PageParams.of(page, size)),
                PageParams.base("/portal/images", Map.of()));
    }

    @GET
    @Path("volumes")
    public TemplateInstance volumes(@RestQuery String page, @RestQuery String size) {
        return Templates.volumes(volumes.list(callers.caller(), null, PageParams.of(page, size)),
                PageParams.base("/portal/volumes", Map.of()));
    }
}
