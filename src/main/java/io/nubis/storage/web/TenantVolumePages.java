package io.nubis.storage.web;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.platform.Page;
import io.nubis.platform.web.PageParams;
import io.nubis.job.Accepted;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Text;
import io.nubis.platform.web.Flash;
import io.nubis.storage.DataVolumeService;
import io.nubis.storage.StorageMessages;
import io.nubis.storage.VolumeService;
import io.nubis.storage.VolumeStatus;
import io.nubis.storage.VolumeView;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The account's volumes (admins: all, with their hosts), optionally those of one VM ({@code ?vmId=}). */
@Path("/portal/volumes")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class TenantVolumePages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<VolumeView> volumes, String base, boolean busy, String sort,
                String sortBase);
    }

    @Inject
    CallerResolver callers;
    @Inject
    VolumeService volumes;
    @Inject
    DataVolumeService dataVolumes;

    @Action("volume:read")
    @GET
    public TemplateInstance list(@RestQuery String vmId, @RestQuery String page, @RestQuery String size,
            @RestQuery String sort) {
        String vm = vmId == null || vmId.isBlank() ? null : vmId.trim();
        String order = VolumeService.ORDER.accepted(sort);
        Page<VolumeView> result = volumes.list(callers.caller(), vm, PageParams.of(page, size, order));
        // volumes being created or deleted: the table refreshes itself until they settle
        boolean busy = result.items().stream().anyMatch(v -> v.status() != VolumeStatus.Ready);
        return Templates.list(result, PageParams.base("/portal/volumes", PageParams.filters("vmId", vm, "sort", order)),
                busy, order, PageParams.base("/portal/volumes", PageParams.filters("vmId", vm)));
    }

    /** Deletes a detached data volume (a job); a refused delete comes back as the page's error message. */
    @Action("volume:delete")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id) {
        try {
            Accepted<VolumeView> a = dataVolumes.delete(callers.caller(), id);
            return Flash.info(Text.of(StorageMessages.class, m -> m.flash_volume_deleting(a.resource().name())))
                    .redirect("/portal/volumes");
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/portal/volumes");
        }
    }
}
