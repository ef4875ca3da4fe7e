package io.nubis.vm.web;

import io.nubis.platform.Action;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.job.Accepted;
import io.nubis.offering.DiskOfferingService;
import io.nubis.platform.ConflictException;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.PageRequest;
import io.nubis.platform.Text;
import io.nubis.platform.web.Flash;
import io.nubis.platform.web.Option;
import io.nubis.platform.web.PortalRequest;
import io.nubis.storage.DataVolumeInput;
import io.nubis.storage.DataVolumeService;
import io.nubis.storage.VolumeView;
import io.nubis.vm.VmMessages;
import io.nubis.vm.VmService;
import io.nubis.vm.VmView;
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
 * A VM's data volumes (issue 8): the attached ones with a detach button, a form that adds a new one (size in GiB or a
 * disk offering), and one that attaches a detached volume of the account. Actions are jobs on the VM; a refused one
 * comes back as the page's error message, a bad add form is shown again with its errors.
 */
@Path("/portal/vms/{id}/volumes")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class VmVolumePages {

    /** The add form as submitted. */
    public record AddForm(String name, String sizeGib, String diskOfferingId) {
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(VmView vm, List<VolumeView> attached, List<VolumeView> detached,
                List<Option> offerings, AddForm form, Map<String, String> errors);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    VmService vms;
    @Inject
    DataVolumeService volumes;
    @Inject
    DiskOfferingService diskOfferings;

    @Action("vm:read")
    @GET
    public TemplateInstance list(@RestPath String id) {
        return page(callers.caller(), id, new AddForm("", "10", ""), Map.of());
    }

    @Action("vm:add-volume")
    @POST
    public Response add(@RestPath String id, @RestForm String name, @RestForm String sizeGib,
            @RestForm String diskOfferingId) {
        Caller caller = callers.caller();
        AddForm form = new AddForm(name, sizeGib, diskOfferingId);
        try {
            Integer size = null;
            boolean byOffering = diskOfferingId != null && !diskOfferingId.isBlank();
            if (!byOffering && sizeGib != null && !sizeGib.isBlank()) {
                try {
                    size = Integer.valueOf(sizeGib.trim());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("sizeGib", Text.msg(m -> m.error_integer()));
                }
            }
            Accepted<VolumeView> a = vms.addVolume(caller, id,
                    new DataVolumeInput(name, null, size, byOffering ? diskOfferingId : null));
            return Flash.info(Text.of(VmMessages.class, m -> m.flash_volume_adding(a.resource().name())))
                    .redirect(back(id));
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(caller, id, form, portal.fieldErrors(e))).build();
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect(back(id));
        }
    }

    @Action("vm:detach-volume")
    @POST
    @Path("{volumeId}/detach")
    public Response detach(@RestPath String id, @RestPath String volumeId) {
        try {
            Accepted<VolumeView> a = vms.detachVolume(callers.caller(), id, volumeId);
            return Flash.info(Text.of(VmMessages.class, m -> m.flash_volume_detaching(a.resource().name())))
                    .redirect(back(id));
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect(back(id));
        }
    }

    /** Grows a data volume of the (stopped) VM; a bad size or a refusal comes back as the page's error message. */
    @Action("vm:resize-volume")
    @POST
    @Path("{volumeId}/resize")
    public Response resize(@RestPath String id, @RestPath String volumeId, @RestForm String sizeGib) {
        try {
            Integer size;
            try {
                size = sizeGib == null || sizeGib.isBlank() ? null : Integer.valueOf(sizeGib.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("sizeGib", Text.msg(m -> m.error_integer()));
            }
            Accepted<VolumeView> a = vms.resizeVolume(callers.caller(), id, volumeId, size);
            return Flash.info(Text.of(VmMessages.class, m -> m.flash_volume_resizing(a.resource().name())))
                    .redirect(back(id));
        } catch (InvalidInputException e) {
            return Flash.error(e.errors().get(0).text()).redirect(back(id));
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect(back(id));
        }
    }

    @Action("vm:attach-volume")
    @POST
    @Path("attach")
    public Response attach(@RestPath String id, @RestForm String volumeId) {
        try {
            Accepted<VolumeView> a = vms.attachVolume(callers.caller(), id, volumeId);
            return Flash.info(Text.of(VmMessages.class, m -> m.flash_volume_attaching(a.resource().name())))
                    .redirect(back(id));
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect(back(id));
        }
    }

    private TemplateInstance page(Caller caller, String id, AddForm form, Map<String, String> errors) {
        VmView vm = vms.get(caller, id);
        List<Option> offerings = diskOfferings.list(caller, null, null, new PageRequest(1, 100)).items().stream()
                .map(o -> new Option(o.id(), o.name() + " (" + o.sizeGib() + " GiB)")).toList();
        return Templates.list(vm, volumes.attachedTo(caller, vm.id()), volumes.detachedOf(caller, vm.accountId()),
                offerings, form, errors);
    }

    private static String back(String id) {
        return "/portal/vms/" + id + "/volumes";
    }
}
