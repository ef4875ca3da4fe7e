package io.nubis.network.web;

import io.nubis.platform.Action;
import io.nubis.platform.Text;
import io.nubis.network.NetworkMessages;
import io.nubis.compute.ClusterService;
import io.nubis.compute.ClusterView;
import io.nubis.compute.ZoneService;
import io.nubis.iam.AccessControl;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.job.Accepted;
import io.nubis.network.L2NetworkInput;
import io.nubis.network.L2NetworkService;
import io.nubis.network.L2NetworkView;
import io.nubis.network.L2Type;
import io.nubis.network.L3NetworkService;
import io.nubis.network.L3NetworkView;
import io.nubis.platform.ConflictException;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.Page;
import io.nubis.platform.PageRequest;
import io.nubis.platform.web.Flash;
import io.nubis.platform.web.Option;
import io.nubis.platform.web.PageParams;
import io.nubis.platform.web.PortalRequest;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * L2 networks: list (by zone and name), detail with attached clusters (attach is a job, detach immediate) and its L3
 * networks, create and edit (one form; zone, type, uplink and bridge are chosen once), delete. Admin-only.
 */
@Path("/admin/l2-networks")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class L2NetworkPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<L2NetworkView> networks, List<Option> zones, String zoneId,
                String name, String base);

        static native TemplateInstance detail(L2NetworkView network, List<Option> attachable,
                List<L3NetworkView> l3Networks);

        static native TemplateInstance form(L2NetworkView network, L2Form form, List<Option> zones,
                List<Option> types, Map<String, String> errors);

        static native TemplateInstance confirmDelete(L2NetworkView network, String error);
    }

    /** The form as typed: numbers stay text, so one that does not parse is shown back with its error. */
    public record L2Form(String zoneId, String name, String description, String type, String physicalInterface,
            String bridgeName, String vlanId, String vni) {

        L2NetworkInput input() {
            Integer vlan = parse(vlanId);
            Integer v = parse(vni);
            if (vlan == null && vlanId != null && !vlanId.isBlank()) {
                throw new InvalidInputException("vlanId", Text.msg(m -> m.error_integer()));
            }
            if (v == null && vni != null && !vni.isBlank()) {
                throw new InvalidInputException("vni", Text.msg(m -> m.error_integer()));
            }
            return new L2NetworkInput(zoneId, name, description, type, physicalInterface, bridgeName, vlan, v);
        }

        private static Integer parse(String s) {
            try {
                return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    AccessControl access;
    @Inject
    L2NetworkService networks;
    @Inject
    L3NetworkService l3;
    @Inject
    ZoneService zones;
    @Inject
    ClusterService clusters;

    @Action("l2-network:read")
    @GET
    public TemplateInstance list(@RestQuery String zoneId, @RestQuery String name, @RestQuery String page,
            @RestQuery String size) {
        Caller caller = callers.caller();
        Page<L2NetworkView> result = networks.list(caller, zoneId, name, PageParams.of(page, size));
        return Templates.list(result, zoneOptions(caller), blank(zoneId), blank(name),
                PageParams.base("/admin/l2-networks", PageParams.filters("zoneId", zoneId, "name", name)));
    }

    @Action("l2-network:read")
    @GET
    @Path("new")
    public TemplateInstance createForm(@RestQuery String zoneId) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        return Templates.form(null, new L2Form(blank(zoneId), "", "", L2Type.NoVlan.name(), "", "", "", ""),
                zoneOptions(caller), typeOptions(), Map.of());
    }

    @Action("l2-network:create")
    @POST
    public Response create(@RestForm String zoneId, @RestForm String name, @RestForm String description,
            @RestForm String type, @RestForm String physicalInterface, @RestForm String bridgeName,
            @RestForm String vlanId, @RestForm String vni) {
        Caller caller = callers.caller();
        L2Form in = new L2Form(zoneId, name, description, type, physicalInterface, bridgeName, vlanId, vni);
        try {
            L2NetworkView n = networks.create(caller, in.input());
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_l2_created(n.name())))
                    .redirect("/admin/l2-networks/" + n.id());
        } catch (InvalidInputException e) {
            return Response.status(400)
                    .entity(Templates.form(null, in, zoneOptions(caller), typeOptions(), portal.fieldErrors(e)))
                    .build();
        }
    }

    @Action("l2-network:read")
    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath String id) {
        Caller caller = callers.caller();
        L2NetworkView n = networks.get(caller, id);
        Set<String> attached = n.clusters().stream().map(L2NetworkView.AttachedCluster::clusterId)
                .collect(Collectors.toSet());
        List<Option> attachable = clusters.list(caller, n.zoneId(), null, new PageRequest(1, PageRequest.MAX_SIZE))
                .items().stream().filter(c -> !attached.contains(c.id()))
                .map((ClusterView c) -> new Option(c.id(), c.name())).toList();
        List<L3NetworkView> l3s = l3.list(caller, id, null, new PageRequest(1, PageRequest.MAX_SIZE)).items();
        return Templates.detail(n, attachable, l3s);
    }

    @Action("l2-network:read")
    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@RestPath String id) {
        L2NetworkView n = networks.get(callers.caller(), id);
        return Templates.form(n, form(n, n.name(), n.description()), List.of(), List.of(), Map.of());
    }

    @Action("l2-network:update")
    @POST
    @Path("{id}")
    public Response update(@RestPath String id, @RestForm String name, @RestForm String description) {
        Caller caller = callers.caller();
        L2NetworkView current = networks.get(caller, id);
        L2Form in = form(current, name, description);
        try {
            L2NetworkView n = networks.update(caller, id, in.input());
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_l2_updated(n.name())))
                    .redirect("/admin/l2-networks/" + id);
        } catch (InvalidInputException e) {
            return Response.status(400)
                    .entity(Templates.form(current, in, List.of(), List.of(), portal.fieldErrors(e))).build();
        }
    }

    @Action("l2-network:attach")
    @POST
    @Path("{id}/attach")
    public Response attach(@RestPath String id, @RestForm String clusterId) {
        Caller caller = callers.caller();
        try {
            Accepted<L2NetworkView> a = networks.attach(caller, id, clusterId);
            String cluster = a.resource().clusters().stream().filter(c -> c.clusterId().equals(clusterId))
                    .map(L2NetworkView.AttachedCluster::clusterName).findFirst().orElse(clusterId);
            return Flash.info(Text.of(NetworkMessages.class, m -> m.flash_l2_attaching(a.resource().name(), cluster)))
                    .redirect("/jobs/" + a.jobId());
        } catch (InvalidInputException e) {
            return Flash.error(e.errors().get(0).text())
                    .redirect("/admin/l2-networks/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/l2-networks/" + id);
        }
    }

    @Action("l2-network:detach")
    @POST
    @Path("{id}/detach")
    public Response detach(@RestPath String id, @RestForm String clusterId) {
        Caller caller = callers.caller();
        try {
            L2NetworkView before = networks.get(caller, id);
            String cluster = before.clusters().stream().filter(c -> c.clusterId().equals(clusterId))
                    .map(L2NetworkView.AttachedCluster::clusterName).findFirst().orElse(clusterId);
            L2NetworkView n = networks.detach(caller, id, clusterId);
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_l2_detached(n.name(), cluster)))
                    .redirect("/admin/l2-networks/" + id);
        } catch (InvalidInputException e) {
            return Flash.error(e.errors().get(0).text())
                    .redirect("/admin/l2-networks/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/l2-networks/" + id);
        }
    }

    @Action("l2-network:read")
    @GET
    @Path("{id}/delete")
    public TemplateInstance confirmDelete(@RestPath String id) {
        return Templates.confirmDelete(networks.get(callers.caller(), id), null);
    }

    @Action("l2-network:delete")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id) {
        Caller caller = callers.caller();
        L2NetworkView n = networks.get(caller, id);
        try {
            networks.delete(caller, id);
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_l2_deleted(n.name())))
                    .redirect("/admin/l2-networks");
        } catch (ConflictException e) {
            return Response.status(409).entity(Templates.confirmDelete(n, portal.text(e))).build();
        }
    }

    private List<Option> zoneOptions(Caller caller) {
        return zones.all(caller).stream().map(z -> new Option(z.id(), z.name())).toList();
    }

    private List<Option> typeOptions() {
        return portal.options(L2Type.values());
    }

    private static L2Form form(L2NetworkView n, String name, String description) {
        return new L2Form(n.zoneId(), name, description, n.type().name(), n.physicalInterface(), n.bridgeName(),
                n.vlanId() == null ? "" : n.vlanId().toString(), n.vni() == null ? "" : n.vni().toString());
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }
}
