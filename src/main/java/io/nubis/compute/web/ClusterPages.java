package io.nubis.compute.web;

import io.nubis.platform.Action;
import io.nubis.platform.Text;
import io.nubis.compute.ComputeMessages;
import io.nubis.compute.ClusterInput;
import io.nubis.compute.ClusterService;
import io.nubis.compute.ClusterView;
import io.nubis.compute.DeletionImpact;
import io.nubis.compute.HostFilter;
import io.nubis.compute.HostService;
import io.nubis.compute.HostView;
import io.nubis.compute.ZoneService;
import io.nubis.iam.AccessControl;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.job.Accepted;
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
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Clusters: list (by zone and name), detail with its hosts, create and edit (one form; zone and hypervisor type are
 * chosen once), enable/disable, delete with a confirmation page. Admin-only.
 */
@Path("/admin/clusters")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ClusterPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<ClusterView> clusters, List<Option> zones, String zoneId,
                String name, String base);

        static native TemplateInstance detail(ClusterView cluster, List<HostView> hosts);

        static native TemplateInstance form(ClusterView cluster, ClusterInput form, List<Option> zones,
                List<Option> hypervisorTypes, Map<String, String> errors);

        static native TemplateInstance confirmDelete(ClusterView cluster, DeletionImpact impact, String error);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    AccessControl access;
    @Inject
    ClusterService clusters;
    @Inject
    ZoneService zones;
    @Inject
    HostService hosts;

    @Action("cluster:read")
    @GET
    public TemplateInstance list(@RestQuery String zoneId, @RestQuery String name, @RestQuery String page,
            @RestQuery String size) {
        Caller caller = callers.caller();
        Page<ClusterView> result = clusters.list(caller, zoneId, name, PageParams.of(page, size));
        return Templates.list(result, zoneOptions(caller), blank(zoneId), blank(name),
                PageParams.base("/admin/clusters", PageParams.filters("zoneId", zoneId, "name", name)));
    }

    @Action("cluster:read")
    @GET
    @Path("new")
    public TemplateInstance createForm(@RestQuery String zoneId) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        List<String> types = clusters.hypervisorTypes();
        return Templates.form(null, new ClusterInput(blank(zoneId), "", "", types.isEmpty() ? "" : types.get(0)),
                zoneOptions(caller), typeOptions(), Map.of());
    }

    @Action("cluster:create")
    @POST
    public Response create(@RestForm String zoneId, @RestForm String name, @RestForm String description,
            @RestForm String hypervisorType) {
        Caller caller = callers.caller();
        ClusterInput in = new ClusterInput(zoneId, name, description, hypervisorType);
        try {
            ClusterView c = clusters.create(caller, in);
            return Flash.success(Text.of(ComputeMessages.class, m -> m.flash_cluster_created(c.name())))
                    .redirect("/admin/clusters/" + c.id());
        } catch (InvalidInputException e) {
            return Response.status(400)
                    .entity(Templates.form(null, in, zoneOptions(caller), typeOptions(), portal.fieldErrors(e)))
                    .build();
        }
    }

    @Action("cluster:read")
    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath String id) {
        Caller caller = callers.caller();
        ClusterView c = clusters.get(caller, id);
        List<HostView> inCluster = hosts.list(caller, new HostFilter(null, id, null, null, null),
                new PageRequest(1, PageRequest.MAX_SIZE)).items();
        return Templates.detail(c, inCluster);
    }

    @Action("cluster:read")
    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@RestPath String id) {
        Caller caller = callers.caller();
        ClusterView c = clusters.get(caller, id);
        return Templates.form(c, new ClusterInput(c.zoneId(), c.name(), c.description(), c.hypervisorType()),
                List.of(), List.of(), Map.of());
    }

    @Action("cluster:update")
    @POST
    @Path("{id}")
    public Response update(@RestPath String id, @RestForm String name, @RestForm String description) {
        Caller caller = callers.caller();
        ClusterView current = clusters.get(caller, id);
        ClusterInput in = new ClusterInput(current.zoneId(), name, description, current.hypervisorType());
        try {
            ClusterView c = clusters.update(caller, id, in);
            return Flash.success(Text.of(ComputeMessages.class, m -> m.flash_cluster_updated(c.name())))
                    .redirect("/admin/clusters/" + c.id());
        } catch (InvalidInputException e) {
            return Response.status(400)
                    .entity(Templates.form(current, in, List.of(), List.of(), portal.fieldErrors(e))).build();
        }
    }

    @Action("cluster:enable")
    @POST
    @Path("{id}/enable")
    public Response enable(@RestPath String id) {
        return setState(id, true);
    }

    @Action("cluster:disable")
    @POST
    @Path("{id}/disable")
    public Response disable(@RestPath String id) {
        return setState(id, false);
    }

    private Response setState(String id, boolean enabled) {
        try {
            ClusterView c = clusters.setState(callers.caller(), id, enabled);
            return Flash.success(Text.of(ComputeMessages.class,
                    m -> enabled ? m.flash_cluster_enabled(c.name()) : m.flash_cluster_disabled(c.name())))
                    .redirect("/admin/clusters/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/clusters/" + id);
        }
    }

    @Action("cluster:read")
    @GET
    @Path("{id}/delete")
    public TemplateInstance confirmDelete(@RestPath String id) {
        Caller caller = callers.caller();
        return Templates.confirmDelete(clusters.get(caller, id), clusters.deletionImpact(caller, id), null);
    }

    @Action("cluster:delete")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id, @RestForm boolean cascade) {
        Caller caller = callers.caller();
        ClusterView c = clusters.get(caller, id);
        try {
            Optional<Accepted<ClusterView>> job = clusters.delete(caller, id, cascade);
            if (job.isPresent()) {
                return Flash.info(Text.of(ComputeMessages.class, m -> m.flash_cluster_deleting(c.name())))
                        .redirect("/jobs/" + job.get().jobId());
            }
            return Flash.success(Text.of(ComputeMessages.class, m -> m.flash_cluster_deleted(c.name())))
                    .redirect("/admin/clusters");
        } catch (ConflictException e) {
            return Response.status(409)
                    .entity(Templates.confirmDelete(c, clusters.deletionImpact(caller, id), portal.text(e))).build();
        }
    }

    private List<Option> zoneOptions(Caller caller) {
        return zones.all(caller).stream().map(z -> new Option(z.id(), z.name())).toList();
    }

    private List<Option> typeOptions() {
        return clusters.hypervisorTypes().stream().map(t -> new Option(t, t)).toList();
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }
}
