package io.nubis.vm.web;

import io.nubis.platform.Action;
import io.nubis.platform.Text;
import io.nubis.vm.VmMessages;
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
import io.nubis.vm.RootResizeInput;
import io.nubis.vm.VmChoices;
import io.nubis.vm.VmDetail;
import io.nubis.vm.VmFilter;
import io.nubis.vm.VmService;
import io.nubis.vm.VmState;
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
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * VM instances: list (by state and name), create form, detail (NICs, jobs with live progress) with the actions its
 * state allows (stop, force stop, start, reboot, destroy after a confirmation). Tenants see their account's VMs, admins
 * all of them with account and host. Every action is a job; a refused one (409) is a flash message.
 */
@Path("/portal/vms")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class VmPages {

    static final int RECENT_JOBS = 5;

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<VmView> vms, String state, String q, List<Option> states,
                boolean admin, String base, String sort, String sortBase, boolean busy);

        static native TemplateInstance form(VmForm form, VmChoices choices, Map<String, String> errors);

        static native TemplateInstance detail(VmDetail detail, boolean admin, List<JobView> jobs,
                List<Option> migrationTargets);

        /** The state, facts and actions of the detail page, refreshed by htmx when a job of the VM finishes. */
        static native TemplateInstance detail$summary(VmDetail detail, boolean admin);

        static native TemplateInstance confirmDestroy(VmView vm);

        static native TemplateInstance console(VmView vm, io.nubis.vm.VmConsoles.Ticket ticket);

        static native TemplateInstance consoleLog(VmView vm, String log);
    }

    @Inject
    io.nubis.vm.VmConsoles consoles;

    /** The browser console (issue 13): the page carries a fresh one-time ticket for its WebSocket. */
    @Action("vm:console")
    @GET
    @Path("{id}/console")
    public TemplateInstance console(@RestPath String id) {
        Caller caller = callers.caller();
        io.nubis.vm.VmConsoles.Ticket ticket = consoles.ticket(caller, id);
        return Templates.console(vms.get(caller, id), ticket);
    }

    /** The serial console output, read-only. */
    @Action("vm:read")
    @GET
    @Path("{id}/console-log")
    public TemplateInstance consoleLog(@RestPath String id) {
        Caller caller = callers.caller();
        return Templates.consoleLog(vms.get(caller, id), consoles.serialLog(caller, id));
    }

    @Inject
    io.nubis.compute.HostAccess hostAccess;
    @Inject
    CallerResolver callers;
    @Inject
    io.nubis.vm.VmSecurityGroupService securityGroups;
    @Inject
    PortalRequest portal;
    @Inject
    VmService vms;
    @Inject
    JobService jobs;

    @Action("vm:read")
    @GET
    public TemplateInstance list(@RestQuery String state, @RestQuery String q, @RestQuery String page,
            @RestQuery String size, @RestQuery String sort) {
        Caller caller = callers.caller();
        VmState st = PageParams.enumOrNull(VmState.class, state);
        String order = VmFilter.ORDER.accepted(sort);
        Page<VmView> result = vms.list(caller, new VmFilter(st, q, null), PageParams.of(page, size, order));
        List<Option> states = portal.options("vm_state_", VmState.values());
        // while a VM of the page is in a transitional state, the table refreshes itself (htmx, every 3 s)
        boolean busy = result.items().stream().anyMatch(v -> v.state().transitional());
        return Templates.list(result, st == null ? "" : st.name(), q == null ? "" : q, states, caller.admin(),
                PageParams.base("/portal/vms", PageParams.filters("state", st, "q", q, "sort", order)), order,
                PageParams.base("/portal/vms", PageParams.filters("state", st, "q", q)), busy);
    }

    @Action("vm:read")
    @GET
    @Path("new")
    public TemplateInstance createForm() {
        return Templates.form(VmForm.empty(), vms.choices(callers.caller()), Map.of());
    }

    @Action("vm:create")
    @POST
    public Response create(@RestForm String name, @RestForm String description, @RestForm String offeringId,
            @RestForm String imageId, @RestForm List<String> l3NetworkIds,
            @RestForm List<String> dataDiskOfferingIds, @RestForm String rootDiskOfferingId,
            @RestForm List<String> securityGroupIds, @RestForm("cloudInit.hostname") String hostname,
            @RestForm("cloudInit.sshKeys") String sshKeys, @RestForm("cloudInit.userData") String userData) {
        Caller caller = callers.caller();
        VmForm form = new VmForm(name, description, offeringId, imageId, l3NetworkIds, dataDiskOfferingIds,
                rootDiskOfferingId, securityGroupIds, hostname, sshKeys, userData);
        try {
            Accepted<VmView> accepted = vms.create(caller, form.input());
            return Flash.info(Text.of(VmMessages.class, m -> m.flash_vm_creating(accepted.resource().name())))
                    .redirect("/portal/vms/" + accepted.resource().id());
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.form(form, vms.choices(caller), portal.fieldErrors(e)))
                    .build();
        } catch (ConflictException e) {
            // e.g. a quota reached (issue 9): the form comes back as typed, with the reason above it
            return Response.status(409).entity(Templates.form(form, vms.choices(caller),
                    Map.of(REFUSED, e.text().in(portal.locale())))).build();
        }
    }

    /** The form's error key for a request refused as a whole (not a field's fault). */
    static final String REFUSED = "refused";

    @Action("vm:read")
    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath String id) {
        Caller caller = callers.caller();
        VmDetail detail = vms.detail(caller, id);
        return Templates.detail(detail, caller.admin(), jobs.forResource(caller, id, RECENT_JOBS),
                caller.admin() ? migrationTargets(detail.vm()) : List.of());
    }

    @Action("vm:read")
    @GET
    @Path("{id}/summary")
    public TemplateInstance summary(@RestPath String id) {
        Caller caller = callers.caller();
        return Templates.detail$summary(vms.detail(caller, id), caller.admin());
    }

    /** The other Connected hosts of the VM's cluster (admins: the live migration form). */
    private List<Option> migrationTargets(VmView vm) {
        String cluster = vm.hostId() == null ? null : hostAccess.clusterOf(vm.hostId()).orElse(null);
        if (cluster == null) {
            return List.of();
        }
        return hostAccess.connectedHosts(cluster).stream().filter(h -> !h.id().equals(vm.hostId()))
                .map(h -> new Option(h.id(), h.name())).toList();
    }

    @Action("vm:migrate")
    @POST
    @Path("{id}/migrate")
    public Response migrate(@RestPath String id, @RestForm String hostId) {
        return act(id, VmMessages::flash_vm_migrating, c -> vms.migrate(c, id, hostId));
    }

    @Action("vm:stop")
    @POST
    @Path("{id}/stop")
    public Response stop(@RestPath String id, @RestForm boolean force) {
        return act(id, force ? VmMessages::flash_vm_force_stopping : VmMessages::flash_vm_stopping,
                c -> vms.stop(c, id, force));
    }

    @Action("vm:start")
    @POST
    @Path("{id}/start")
    public Response start(@RestPath String id) {
        return act(id, VmMessages::flash_vm_starting, c -> vms.start(c, id));
    }

    @Action("vm:reboot")
    @POST
    @Path("{id}/reboot")
    public Response reboot(@RestPath String id) {
        return act(id, VmMessages::flash_vm_rebooting, c -> vms.reboot(c, id));
    }

    /** Grows the root disk of a stopped VM; a bad size comes back as the page's error message. */
    @Action("vm:resize-root")
    @POST
    @Path("{id}/resize-root")
    public Response resizeRoot(@RestPath String id, @RestForm String sizeGib) {
        String back = "/portal/vms/" + id;
        Integer size;
        try {
            size = sizeGib == null || sizeGib.isBlank() ? null : Integer.valueOf(sizeGib.trim());
        } catch (NumberFormatException e) {
            return Flash.error(Text.msg(m -> m.error_integer())).redirect(back);
        }
        try {
            Accepted<VmView> a = vms.resizeRoot(callers.caller(), id, new RootResizeInput(size));
            return Flash.info(Text.of(VmMessages.class, m -> m.flash_vm_resizing(a.resource().name()))).redirect(back);
        } catch (InvalidInputException e) {
            return Flash.error(e.errors().get(0).text()).redirect(back);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect(back);
        }
    }

    /** Inserts an ISO into the VM's CD-ROM drive (issue 8); a refusal comes back as the page's error message. */
    @Action(value = "vm:join-security-group", resource = "id")
    @POST
    @Path("{id}/security-groups")
    public Response joinSecurityGroup(@RestPath String id, @RestForm String securityGroupId, @RestForm String nicId) {
        return groupChange(id, () -> securityGroups.join(callers.caller(), id, securityGroupId, nicId));
    }

    @Action(value = "vm:leave-security-group", resource = "id")
    @POST
    @Path("{id}/security-groups/{groupId}/leave")
    public Response leaveSecurityGroup(@RestPath String id, @RestPath String groupId, @RestForm String nicId) {
        return groupChange(id, () -> securityGroups.leave(callers.caller(), id, groupId, nicId));
    }

    private Response groupChange(String id, java.util.function.Supplier<String> change) {
        try {
            change.get();
            return Flash.success(Text.of(VmMessages.class, m -> m.flash_vm_groups_changed()))
                    .redirect("/portal/vms/" + id);
        } catch (InvalidInputException e) {
            return Flash.error(e.errors().get(0).text()).redirect("/portal/vms/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/portal/vms/" + id);
        }
    }

    @Action("vm:insert-iso")
    @POST
    @Path("{id}/iso")
    public Response insertIso(@RestPath String id, @RestForm String imageId) {
        String back = "/portal/vms/" + id;
        try {
            Accepted<VmView> a = vms.insertIso(callers.caller(), id, imageId);
            return Flash.info(Text.of(VmMessages.class, m -> m.flash_iso_inserting(a.resource().name())))
                    .redirect(back);
        } catch (InvalidInputException e) {
            return Flash.error(e.errors().get(0).text()).redirect(back);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect(back);
        }
    }

    @Action("vm:eject-iso")
    @POST
    @Path("{id}/iso/eject")
    public Response ejectIso(@RestPath String id) {
        String back = "/portal/vms/" + id;
        try {
            Accepted<VmView> a = vms.ejectIso(callers.caller(), id);
            return Flash.info(Text.of(VmMessages.class, m -> m.flash_iso_ejecting(a.resource().name()))).redirect(back);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect(back);
        }
    }

    @Action("vm:read")
    @GET
    @Path("{id}/destroy")
    public TemplateInstance confirmDestroy(@RestPath String id) {
        return Templates.confirmDestroy(vms.get(callers.caller(), id));
    }

    @Action("vm:destroy")
    @POST
    @Path("{id}/destroy")
    public Response destroy(@RestPath String id, @RestForm String deleteVolumes) {
        boolean withVolumes = "on".equals(deleteVolumes) || "true".equals(deleteVolumes);
        return act(id, VmMessages::flash_vm_destroying, c -> vms.destroy(c, id, withVolumes));
    }

    /** Runs an action; back to the VM's page with its job's progress, or with the reason it was refused. */
    private Response act(String id, BiFunction<VmMessages, String, String> flash,
            Function<Caller, Accepted<VmView>> action) {
        try {
            Accepted<VmView> accepted = action.apply(callers.caller());
            return Flash.info(Text.of(VmMessages.class, m -> flash.apply(m, accepted.resource().name())))
                    .redirect("/portal/vms/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/portal/vms/" + id);
        }
    }
}
