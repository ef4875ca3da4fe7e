package io.nubis.storage.web;

import io.nubis.platform.Action;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.job.Accepted;
import io.nubis.platform.ConflictException;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.Text;
import io.nubis.platform.web.Flash;
import io.nubis.platform.web.PortalRequest;
import io.nubis.storage.SnapshotInput;
import io.nubis.storage.SnapshotService;
import io.nubis.storage.SnapshotStatus;
import io.nubis.storage.SnapshotView;
import io.nubis.storage.StorageMessages;
import io.nubis.storage.VolumeService;
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
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * A volume's snapshots (issue 8): the tree, a form that takes one, and per snapshot revert, delete and "new volume from
 * it". Every action is a job; a refused one comes back as the page's error message, a bad take form is shown again with
 * its errors.
 */
@Path("/portal/volumes/{id}/snapshots")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class SnapshotPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(VolumeView volume, List<SnapshotView> snapshots, boolean busy,
                SnapshotInput form, Map<String, String> errors);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    VolumeService volumes;
    @Inject
    SnapshotService snapshots;

    @Action("volume:read")
    @GET
    public TemplateInstance list(@RestPath String id) {
        return page(callers.caller(), id, new SnapshotInput("", ""), Map.of());
    }

    @Action("volume:create-snapshot")
    @POST
    public Response take(@RestPath String id, @RestForm String name, @RestForm String description) {
        Caller caller = callers.caller();
        SnapshotInput form = new SnapshotInput(name, description);
        try {
            Accepted<SnapshotView> a = snapshots.create(caller, id, form);
            return Flash.info(Text.of(StorageMessages.class, m -> m.flash_snapshot_taking(a.resource().name())))
                    .redirect(back(id));
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(caller, id, form, portal.fieldErrors(e))).build();
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect(back(id));
        }
    }

    @Action(value = "snapshot:revert", resource = "snapshotId")
    @POST
    @Path("{snapshotId}/revert")
    public Response revert(@RestPath String id, @RestPath String snapshotId) {
        return act(id, () -> {
            String name = snapshots.revert(callers.caller(), snapshotId).resource().name();
            return Text.of(StorageMessages.class, m -> m.flash_snapshot_reverting(name));
        });
    }

    @Action(value = "snapshot:delete", resource = "snapshotId")
    @POST
    @Path("{snapshotId}/delete")
    public Response delete(@RestPath String id, @RestPath String snapshotId) {
        return act(id, () -> {
            String name = snapshots.delete(callers.caller(), snapshotId).resource().name();
            return Text.of(StorageMessages.class, m -> m.flash_snapshot_deleting(name));
        });
    }

    /** A new volume from the snapshot. */
    @Action(value = "snapshot:create-volume", resource = "snapshotId")
    @POST
    @Path("{snapshotId}/volume")
    public Response toVolume(@RestPath String id, @RestPath String snapshotId, @RestForm String name) {
        return act(id, () -> {
            String snapshot = snapshots.toVolume(callers.caller(), snapshotId, new SnapshotInput(name, null))
                    .resource().name();
            return Text.of(StorageMessages.class, m -> m.flash_snapshot_copying(snapshot, name));
        });
    }

    /** An image from the snapshot, on the default backup storage. */
    @Action(value = "snapshot:create-image", resource = "snapshotId")
    @POST
    @Path("{snapshotId}/image")
    public Response toImage(@RestPath String id, @RestPath String snapshotId, @RestForm String name) {
        return act(id, () -> {
            String image = snapshots.toImage(callers.caller(), snapshotId,
                    new io.nubis.storage.ImageInput(name, null, null, null, null, null)).resource().name();
            return Text.of(StorageMessages.class, m -> m.flash_snapshot_imaging(image));
        });
    }

    /**
     * Runs a row action and goes back to the page with its message; a refusal (or a bad name: the row's one field)
     * comes back as the page's error message.
     */
    private static Response act(String id, java.util.function.Supplier<Text> action) {
        try {
            return Flash.info(action.get()).redirect(back(id));
        } catch (InvalidInputException e) {
            return Flash.error(e.errors().get(0).text()).redirect(back(id));
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect(back(id));
        }
    }

    private TemplateInstance page(Caller caller, String id, SnapshotInput form, Map<String, String> errors) {
        List<SnapshotView> tree = snapshots.list(caller, id);
        boolean busy = tree.stream().anyMatch(s -> s.status() != SnapshotStatus.Ready);
        return Templates.list(volumes.get(caller, id), tree, busy, form, errors);
    }

    private static String back(String id) {
        return "/portal/volumes/" + id + "/snapshots";
    }
}
