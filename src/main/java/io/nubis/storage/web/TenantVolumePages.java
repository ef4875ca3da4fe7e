package io.nubis.storage.web;

import io.nubis.iam.CallerResolver;
import io.nubis.platform.Page;
import io.nubis.platform.web.PageParams;
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

/** The account's volumes (admins: all, with their hosts), optionally those of one VM ({@code ?vmId=}). */
@Path("/portal/volumes")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class TenantVolumePages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<VolumeView> volumes, String base);
    }

    @Inject
    CallerResolver callers;
    @Inject
    VolumeService volumes;

    @GET
    public TemplateInstance list(@RestQuery String vmId, @RestQuery String page, @RestQuery String size) {
        String vm = vmId == null || vmId.isBlank() ? null : vmId.trim();
        return Templates.list(volumes.list(callers.caller(), vm, PageParams.of(page, size)),
                PageParams.base("/portal/volumes", vm == null ? Map.of() : Map.of("vmId", vm)));
    }
}
