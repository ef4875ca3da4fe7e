package io.nubis.storage.web;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.platform.Page;
import io.nubis.platform.web.PageParams;
import io.nubis.storage.ImageService;
import io.nubis.storage.ImageView;
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

/**
 * The images an account may use: the shared ones and its own (admins: all). Its own root path: a resource class at
 * {@code /portal} would shadow the home page's {@code /portal}.
 */
@Path("/portal/images")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class TenantImagePages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<ImageView> images, String base);
    }

    @Inject
    CallerResolver callers;
    @Inject
    ImageService images;

    @Action("image:read")
    @GET
    public TemplateInstance list(@RestQuery String page, @RestQuery String size) {
        return Templates.list(images.list(callers.caller(), null, null, PageParams.of(page, size)),
                PageParams.base("/portal/images", Map.of()));
    }
}
