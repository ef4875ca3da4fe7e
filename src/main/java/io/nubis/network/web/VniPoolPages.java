package io.nubis.network.web;

import io.nubis.compute.ClusterService;
import io.nubis.compute.ClusterView;
import io.nubis.compute.ZoneService;
import io.nubis.iam.AccessControl;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.network.NetworkMessages;
import io.nubis.network.VniPoolInput;
import io.nubis.network.VniPoolService;
import io.nubis.network.VniPoolView;
import io.nubis.platform.Action;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NubisException;
import io.nubis.platform.PageRequest;
import io.nubis.platform.Text;
import io.nubis.platform.web.Flash;
import io.nubis.platform.web.Option;
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

/**
 * VNI pools (admin): list with a create form, detail with the clusters their networks reach (add, remove) and delete.
 */
@Path("/admin/vni-pools")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class VniPoolPages {

    /** The create form as typed. */
    public record PoolForm(String zoneId, String name, String description, String vniStart, String vniEnd) {
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(List<VniPoolView> pools, List<Option> zones, PoolForm form,
                Map<String, String> errors);

        static native TemplateInstance detail(VniPoolView pool, List<Option> addable);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    AccessControl access;
    @Inject
    VniPoolService pools;
    @Inject
    ZoneService zones;
    @Inject
    ClusterService clusters;

    @Action("vni-pool:read")
    @GET
    public TemplateInstance list() {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        return Templates.list(pools.list(caller, null), zoneOptions(caller), new PoolForm("", "", "", "", ""),
                Map.of());
    }

    @Action("vni-pool:create")
    @POST
    public Response create(@RestForm String zoneId, @RestForm String name, @RestForm String description,
            @RestForm String vniStart, @RestForm String vniEnd) {
        Caller caller = callers.caller();
        PoolForm form = new PoolForm(zoneId, name, description, vniStart, vniEnd);
        try {
            VniPoolView p = pools.create(caller, new VniPoolInput(zoneId, name, description,
                    number("vniStart", vniStart), number("vniEnd", vniEnd)));
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_vni_pool_created(p.name())))
                    .redirect("/admin/vni-pools/" + p.id());
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.list(pools.list(caller, null), zoneOptions(caller), form,
                    portal.fieldErrors(e))).build();
        }
    }

    @Action("vni-pool:read")
    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath String id) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        VniPoolView p = pools.get(caller, id);
        Set<String> reached = p.clusters().stream().map(VniPoolView.ClusterLine::clusterId)
                .collect(Collectors.toSet());
        List<Option> addable = clusters.list(caller, p.zoneId(), null, new PageRequest(1, PageRequest.MAX_SIZE))
                .items().stream().filter(c -> !reached.contains(c.id()))
                .map((ClusterView c) -> new Option(c.id(), c.name())).toList();
        return Templates.detail(p, addable);
    }

    @Action("vni-pool:add-cluster")
    @POST
    @Path("{id}/clusters")
    public Response addCluster(@RestPath String id, @RestForm String clusterId) {
        return clusterChange(id, () -> pools.addCluster(callers.caller(), id, clusterId));
    }

    @Action("vni-pool:remove-cluster")
    @POST
    @Path("{id}/clusters/{clusterId}/remove")
    public Response removeCluster(@RestPath String id, @RestPath String clusterId) {
        return clusterChange(id, () -> pools.removeCluster(callers.caller(), id, clusterId));
    }

    /** Adds or removes a cluster; back to the pool's page with what happened. */
    private Response clusterChange(String id, java.util.function.Supplier<VniPoolView> change) {
        try {
            VniPoolView p = change.get();
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_vni_pool_saved(p.name())))
                    .redirect("/admin/vni-pools/" + id);
        } catch (InvalidInputException e) {
            return Flash.error(e.errors().get(0).text()).redirect("/admin/vni-pools/" + id);
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/admin/vni-pools/" + id);
        }
    }

    @Action("vni-pool:delete")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id) {
        Caller caller = callers.caller();
        VniPoolView p = pools.get(caller, id);
        try {
            pools.delete(caller, id);
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_vni_pool_deleted(p.name())))
                    .redirect("/admin/vni-pools");
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/admin/vni-pools/" + id);
        }
    }

    private List<Option> zoneOptions(Caller caller) {
        return zones.all(caller).stream().map(z -> new Option(z.id(), z.name())).toList();
    }

    /** A number as typed; one that does not parse is a field error like any other. */
    static Integer number(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, Text.msg(m -> m.error_integer()));
        }
    }
}
