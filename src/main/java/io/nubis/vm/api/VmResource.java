package io.nubis.vm.api;

import io.nubis.platform.Action;
import io.nubis.vm.VmFilter;
import io.nubis.vm.VmInput;
import io.nubis.vm.RootResizeInput;
import io.nubis.vm.VmSecurityGroupService;
import io.nubis.vm.VmConsoles;
import io.nubis.vm.VmService;
import io.nubis.vm.VmState;
import io.nubis.vm.VmView;
import io.nubis.iam.CallerResolver;
import io.nubis.job.Accepted;
import io.nubis.storage.DataVolumeInput;
import io.nubis.storage.VolumeView;
import io.nubis.platform.api.JobAccepted;
import io.nubis.platform.api.PageDto;
import io.nubis.platform.api.Params;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** VM instances: tenants manage their own, admins all. Every change answers 202 with the job in Location. */
@Path("/v1/vm-instances")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "VM instances")
public class VmResource {

    @Inject
    VmSecurityGroupService securityGroups;
    @Inject
    VmService vms;
    @Inject
    VmConsoles consoles;
    @Inject
    CallerResolver callers;

    @Action("vm:read")
    @GET
    @Operation(summary = "List VMs", description = "Filters: state (Destroyed ones only when asked), q (name), "
            + "hostId (admins); paginated.")
    public PageDto<VmView> list(
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = io.nubis.vm.VmState.class)) @QueryParam("state") String state,
            @QueryParam("q") String q,
            @QueryParam("hostId") String hostId, @QueryParam("page") String page, @QueryParam("size") String size,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "name, state or created; - first: descending (default -created)") @QueryParam("sort") String sort) {
        VmFilter f = new VmFilter(Params.enumValue(VmState.class, "state", state), q, hostId);
        return PageDto.of(vms.list(callers.caller(), f, Params.page(page, size, sort, VmFilter.ORDER)));
    }

    @Action("vm:create")
    @POST
    @Operation(summary = "Create a VM", description = "202: a vm.create job places it on a host, prepares its root "
            + "volume and NICs and starts it; on failure everything is rolled back and the VM removed.")
    public Response create(VmInput in) {
        return accepted(vms.create(callers.caller(), in));
    }

    @Action("vm:read")
    @GET
    @Path("{id}")
    @Operation(summary = "Get a VM")
    public VmView get(@PathParam("id") String id) {
        return vms.get(callers.caller(), id);
    }

    @Action("vm:stop")
    @POST
    @Path("{id}/stop")
    @Operation(summary = "Stop a VM", description = "Graceful shutdown, powered off after a grace period; force=true "
            + "powers off at once.")
    public Response stop(@PathParam("id") String id, @QueryParam("force") String force) {
        return accepted(vms.stop(callers.caller(), id, Params.bool("force", force)));
    }

    @Action("vm:console")
    @POST
    @Path("{id}/console")
    @Operation(summary = "Get a one-time ticket for the VM's graphical console", description = "201 {vmId, token, "
            + "expiresAt, path}: open a WebSocket to `path` (`/console/ws/{id}?token=...`) within 60 s; it carries RFB "
            + "(VNC) as binary messages, e.g. for noVNC. The ticket works once, for this VM only. 409 when the VM is not "
            + "Running.")
    public Response console(@PathParam("id") String id) {
        return Response.status(Response.Status.CREATED).entity(consoles.ticket(callers.caller(), id)).build();
    }

    @Action("vm:read")
    @GET
    @Path("{id}/console-log")
    @Operation(summary = "The VM's serial console output", description = "{vmId, output}: the last 64 KiB the guest "
            + "wrote to its serial console (read-only; empty when it wrote nothing). 409 when its host does not answer.")
    public SerialOutput consoleLog(@PathParam("id") String id) {
        return new SerialOutput(id, consoles.serialLog(callers.caller(), id));
    }

    /** A VM's serial console output. */
    public record SerialOutput(String vmId, String output) {
    }

    @Action("vm:migrate")
    @POST
    @Path("{id}/migrate")
    @Operation(summary = "Move a running VM live to another host (admins)", description = "Body {hostId}: a host of "
            + "the VM's cluster, Enabled and Connected, with room. 202 with the vm.migrate job; 409 when the VM is not "
            + "Running, the host is its own or in another cluster, or a volume of the VM is on Local storage.")
    public Response migrate(@PathParam("id") String id, io.nubis.vm.MigrateInput in) {
        return accepted(vms.migrate(callers.caller(), id, in == null ? null : in.hostId()));
    }

    @Action("vm:add-volume")
    @POST
    @Path("{id}/volumes")
    @Operation(summary = "Add a new data volume to a VM", description = "Body {name, description?, sizeGib | "
            + "diskOfferingId}. Running VMs get it hot-plugged. 409 when the VM is busy, has 8 data volumes or its "
            + "host's storage is full.")
    public Response addVolume(@PathParam("id") String id, DataVolumeInput in) {
        return volumeAccepted(vms.addVolume(callers.caller(), id, in));
    }

    @Action("vm:attach-volume")
    @POST
    @Path("{id}/volumes/{volumeId}/attach")
    @Operation(summary = "Attach a detached data volume", description = "The volume must be of the VM's account and "
            + "on the VM's host (local storage).")
    public Response attachVolume(@PathParam("id") String id, @PathParam("volumeId") String volumeId) {
        return volumeAccepted(vms.attachVolume(callers.caller(), id, volumeId));
    }

    @Action("vm:detach-volume")
    @POST
    @Path("{id}/volumes/{volumeId}/detach")
    @Operation(summary = "Detach a data volume", description = "A running guest must release the disk.")
    public Response detachVolume(@PathParam("id") String id, @PathParam("volumeId") String volumeId) {
        return volumeAccepted(vms.detachVolume(callers.caller(), id, volumeId));
    }

    @Action("vm:resize-volume")
    @POST
    @Path("{id}/volumes/{volumeId}/resize")
    @Operation(summary = "Grow a data volume of a stopped VM", description = "Body {\"sizeGib\": N}, larger than "
            + "the volume. 409 while the VM runs.")
    public Response resizeVolume(@PathParam("id") String id, @PathParam("volumeId") String volumeId,
            RootResizeInput in) {
        return volumeAccepted(vms.resizeVolume(callers.caller(), id, volumeId, in == null ? null : in.sizeGib()));
    }

    private static Response volumeAccepted(Accepted<VolumeView> a) {
        return JobAccepted.response(a.jobId(), a.resource());
    }

    @Action("vm:resize-root")
    @POST
    @Path("{id}/resize-root")
    @Operation(summary = "Grow the root disk of a stopped VM", description = "Body {\"sizeGib\": N}: larger than the "
            + "disk, at most 65536. 409 unless the VM is Stopped.")
    public Response resizeRoot(@PathParam("id") String id, RootResizeInput in) {
        return accepted(vms.resizeRoot(callers.caller(), id, in));
    }

    @Action("vm:insert-iso")
    @POST
    @Path("{id}/iso")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Insert an ISO into the VM's CD-ROM drive", description = "Body {\"imageId\"}: a Ready ISO "
            + "image. Running or stopped; replaces what is in the drive. A VM with an ISO boots from it first.")
    public Response insertIso(@PathParam("id") String id, IsoInput in) {
        return accepted(vms.insertIso(callers.caller(), id, in == null ? null : in.imageId()));
    }

    @Action(value = "vm:read", resource = "id")
    @GET
    @Path("{id}/security-groups")
    @Operation(summary = "The security groups of the VM's network interfaces")
    public List<io.nubis.securitygroup.SecurityGroups.Membership> securityGroups(@PathParam("id") String id) {
        return securityGroups.list(callers.caller(), id);
    }

    @Action(value = "vm:join-security-group", resource = "id")
    @POST
    @Path("{id}/security-groups")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put a network interface of the VM into a security group", description = "Body"
            + " {\"securityGroupId\", \"nicId\"}: a group of the VM's account; nicId may be left out when the VM has one"
            + " NIC. Running or stopped. Answers the security-group.apply job that rewrites the affected filters.")
    public Map<String, Object> joinSecurityGroup(@PathParam("id") String id, SecurityGroupChange in) {
        return jobAnswer(securityGroups.join(callers.caller(), id, in == null ? null : in.securityGroupId(),
                in == null ? null : in.nicId()));
    }

    @Action(value = "vm:leave-security-group", resource = "id")
    @DELETE
    @Path("{id}/security-groups/{groupId}")
    @Operation(summary = "Take a network interface of the VM out of a security group", description = "Query nicId:"
            + " as for joining. When it leaves its last group, nothing it receives is filtered any more.")
    public Map<String, Object> leaveSecurityGroup(@PathParam("id") String id, @PathParam("groupId") String groupId,
            @QueryParam("nicId") String nicId) {
        return jobAnswer(securityGroups.leave(callers.caller(), id, groupId, nicId));
    }

    /** The body of a security group join. */
    public record SecurityGroupChange(String securityGroupId, String nicId) {
    }

    private static Map<String, Object> jobAnswer(String jobId) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("jobId", jobId);
        return m;
    }

    /** The body of an ISO insert. */
    public record IsoInput(String imageId) {
    }

    @Action("vm:eject-iso")
    @DELETE
    @Path("{id}/iso")
    @Operation(summary = "Eject the ISO from the VM's CD-ROM drive", description = "409 when the drive is empty.")
    public Response ejectIso(@PathParam("id") String id) {
        return accepted(vms.ejectIso(callers.caller(), id));
    }

    @Action("vm:start")
    @POST
    @Path("{id}/start")
    @Operation(summary = "Start a stopped VM")
    public Response start(@PathParam("id") String id) {
        return accepted(vms.start(callers.caller(), id));
    }

    @Action("vm:reboot")
    @POST
    @Path("{id}/reboot")
    @Operation(summary = "Reboot a running VM")
    public Response reboot(@PathParam("id") String id) {
        return accepted(vms.reboot(callers.caller(), id));
    }

    @Action("vm:destroy")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Destroy a VM", description = "Powers it off, removes it from its host, deletes its root "
            + "volume and releases its IPs and host capacity. Its data volumes stay, detached, unless "
            + "deleteVolumes=true.")
    public Response destroy(@PathParam("id") String id, @QueryParam("deleteVolumes") String deleteVolumes) {
        return accepted(vms.destroy(callers.caller(), id, Params.bool("deleteVolumes", deleteVolumes)));
    }

    private static Response accepted(Accepted<VmView> a) {
        return JobAccepted.response(a.jobId(), a.resource());
    }
}
