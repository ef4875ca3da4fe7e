package io.nubis.network.web;

import io.nubis.platform.Action;
import io.nubis.platform.Text;
import io.nubis.network.NetworkMessages;
import io.nubis.iam.AccessControl;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.network.IpAllocationView;
import io.nubis.network.IpRangeInput;
import io.nubis.network.IpRangeView;
import io.nubis.network.L2NetworkService;
import io.nubis.network.L3NetworkInput;
import io.nubis.network.L3NetworkService;
import io.nubis.network.L3NetworkView;
import io.nubis.platform.ConflictException;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.Page;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * L3 networks: list, detail with IP ranges (add, remove) and allocated addresses, create and edit (one form; L2
 * network, subnet and gateway are chosen once), enable/disable, delete. Admin-only.
 */
@Path("/admin/l3-networks")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class L3NetworkPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<L3NetworkView> networks, List<Option> l2Networks, String l2Id,
                String name, String base);

        static native TemplateInstance detail(L3NetworkView network, List<IpRangeView> ranges,
                Page<IpAllocationView> allocations, IpRangeInput rangeForm, Map<String, String> errors, String base);

        static native TemplateInstance form(L3NetworkView network, L3NetworkInput form, List<Option> l2Networks,
                Map<String, String> errors);

        static native TemplateInstance confirmDelete(L3NetworkView network, String error);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    AccessControl access;
    @Inject
    L3NetworkService networks;
    @Inject
    L2NetworkService l2;

    @Action("l3-network:read")
    @GET
    public TemplateInstance list(@RestQuery String l2Id, @RestQuery String name, @RestQuery String page,
            @RestQuery String size) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        Page<L3NetworkView> result = networks.list(caller, l2Id, name, PageParams.of(page, size));
        return Templates.list(result, l2Options(caller), blank(l2Id), blank(name),
                PageParams.base("/admin/l3-networks", PageParams.filters("l2Id", l2Id, "name", name)));
    }

    @Action("l3-network:read")
    @GET
    @Path("new")
    public TemplateInstance createForm(@RestQuery String l2Id) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        return Templates.form(null, new L3NetworkInput(blank(l2Id), "", "", "", "", "", true), l2Options(caller),
                Map.of());
    }

    @Action("l3-network:create")
    @POST
    public Response create(@RestForm String l2Id, @RestForm String name, @RestForm String description,
            @RestForm String cidr, @RestForm String gateway, @RestForm String dnsServers, @RestForm boolean shared) {
        Caller caller = callers.caller();
        L3NetworkInput in = new L3NetworkInput(l2Id, name, description, cidr, gateway, dnsServers, shared);
        try {
            L3NetworkView n = networks.create(caller, in);
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_l3_created(n.name())))
                    .redirect("/admin/l3-networks/" + n.id());
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.form(null, in, l2Options(caller), portal.fieldErrors(e)))
                    .build();
        }
    }

    @Action("l3-network:read")
    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath String id, @RestQuery String page, @RestQuery String size) {
        return detailPage(callers.caller(), id, page, size, new IpRangeInput("", ""), Map.of());
    }

    private TemplateInstance detailPage(Caller caller, String id, String page, String size, IpRangeInput rangeForm,
            Map<String, String> errors) {
        access.requireAdmin(caller);
        L3NetworkView n = networks.get(caller, id);
        return Templates.detail(n, networks.ranges(caller, id),
                networks.allocations(caller, id, PageParams.of(page, size)), rangeForm, errors,
                PageParams.base("/admin/l3-networks/" + id, PageParams.filters()));
    }

    @Action("l3-network:read")
    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@RestPath String id) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        L3NetworkView n = networks.get(caller, id);
        return Templates.form(n, new L3NetworkInput(n.l2Id(), n.name(), n.description(), n.cidr(), n.gateway(),
                String.join(", ", n.dnsServers()), n.shared()), List.of(), Map.of());
    }

    @Action("l3-network:update")
    @POST
    @Path("{id}")
    public Response update(@RestPath String id, @RestForm String name, @RestForm String description,
            @RestForm String dnsServers, @RestForm boolean shared) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        L3NetworkView current = networks.get(caller, id);
        L3NetworkInput in = new L3NetworkInput(current.l2Id(), name, description, current.cidr(), current.gateway(),
                dnsServers, shared);
        try {
            L3NetworkView n = networks.update(caller, id, in);
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_l3_updated(n.name())))
                    .redirect("/admin/l3-networks/" + id);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.form(current, in, List.of(), portal.fieldErrors(e)))
                    .build();
        }
    }

    @Action("l3-network:enable")
    @POST
    @Path("{id}/enable")
    public Response enable(@RestPath String id) {
        L3NetworkView n = networks.setEnabled(callers.caller(), id, true);
        return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_l3_enabled(n.name())))
                .redirect("/admin/l3-networks/" + id);
    }

    @Action("l3-network:disable")
    @POST
    @Path("{id}/disable")
    public Response disable(@RestPath String id) {
        L3NetworkView n = networks.setEnabled(callers.caller(), id, false);
        return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_l3_disabled(n.name())))
                .redirect("/admin/l3-networks/" + id);
    }

    @Action("l3-network:add-ip-range")
    @POST
    @Path("{id}/ranges")
    public Response addRange(@RestPath String id, @RestForm String startIp, @RestForm String endIp) {
        Caller caller = callers.caller();
        IpRangeInput in = new IpRangeInput(startIp, endIp);
        try {
            IpRangeView r = networks.addRange(caller, id, in);
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_range_added(r.startIp(), r.endIp())))
                    .redirect("/admin/l3-networks/" + id);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(detailPage(caller, id, null, null, in, portal.fieldErrors(e))).build();
        }
    }

    @Action("l3-network:remove-ip-range")
    @POST
    @Path("{id}/ranges/{rangeId}/delete")
    public Response removeRange(@RestPath String id, @RestPath String rangeId) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        IpRangeView r = networks.ranges(caller, id).stream().filter(x -> x.id().equals(rangeId)).findFirst()
                .orElse(null);
        try {
            networks.removeRange(caller, id, rangeId);
            return Flash
                    .success(Text.of(NetworkMessages.class,
                            m -> m.flash_range_removed(r == null ? "" : r.startIp(), r == null ? "" : r.endIp())))
                    .redirect("/admin/l3-networks/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/l3-networks/" + id);
        }
    }

    @Action("l3-network:read")
    @GET
    @Path("{id}/delete")
    public TemplateInstance confirmDelete(@RestPath String id) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        return Templates.confirmDelete(networks.get(caller, id), null);
    }

    @Action("l3-network:delete")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        L3NetworkView n = networks.get(caller, id);
        try {
            networks.delete(caller, id, false);
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_l3_deleted(n.name())))
                    .redirect("/admin/l3-networks");
        } catch (ConflictException e) {
            return Response.status(409).entity(Templates.confirmDelete(n, portal.text(e))).build();
        }
    }

    private List<Option> l2Options(Caller caller) {
        return l2.all(caller).stream().map(n -> new Option(n.id(), n.name() + " (" + n.zoneName() + ")")).toList();
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }
}
