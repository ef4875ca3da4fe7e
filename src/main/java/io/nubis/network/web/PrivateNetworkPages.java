package io.nubis.network.web;

import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.network.ElasticIpService;
import io.nubis.network.ElasticIpView;
import io.nubis.network.IpamService;
import io.nubis.network.L3Kind;
import io.nubis.network.L3NetworkInput;
import io.nubis.network.L3NetworkService;
import io.nubis.network.L3NetworkView;
import io.nubis.network.NetworkMessages;
import io.nubis.network.PortForwardInput;
import io.nubis.network.PortForwardService;
import io.nubis.network.PortForwardView;
import io.nubis.network.RouterView;
import io.nubis.network.RouterViews;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The networks a tenant may put VMs on (issue 10): its own private networks (create on a VNI pool, delete) and the
 * shared ones, read-only.
 */
@Path("/portal/networks")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class PrivateNetworkPages {

    /** The create form as typed. */
    public record NetworkForm(String vniPoolId, String name, String description, String cidr, String gateway,
            String dnsServers) {
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(List<L3NetworkView> networks, List<Option> pools, NetworkForm form,
                Map<String, String> errors);

        static native TemplateInstance detail(L3NetworkView network, boolean mine, RouterView router,
                List<ElasticIpView> eips, List<PortForwardView> forwards, List<Option> addresses,
                List<io.nubis.network.LoadBalancerView> lbs, Map<String, String> errors);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    L3NetworkService networks;
    @Inject
    VniPoolService pools;
    @Inject
    RouterViews routers;
    @Inject
    ElasticIpService eips;
    @Inject
    PortForwardService forwards;
    @Inject
    IpamService ipam;
    @Inject
    io.nubis.network.LoadBalancerService loadBalancers;

    @Action("l3-network:read")
    @GET
    public TemplateInstance list() {
        Caller caller = callers.caller();
        return Templates.list(visible(caller), poolOptions(caller), new NetworkForm("", "", "", "", "", ""),
                Map.of());
    }

    @Action("l3-network:create")
    @POST
    public Response create(@RestForm String vniPoolId, @RestForm String name, @RestForm String description,
            @RestForm String cidr, @RestForm String gateway, @RestForm String dnsServers) {
        Caller caller = callers.caller();
        NetworkForm form = new NetworkForm(vniPoolId, name, description, cidr, gateway, dnsServers);
        if (vniPoolId == null || vniPoolId.isBlank()) {
            return Response.status(400).entity(Templates.list(visible(caller), poolOptions(caller), form,
                    Map.of("vniPoolId", portal.text(Text.msg(m -> m.error_required()))))).build();
        }
        try {
            L3NetworkView n = networks.create(caller,
                    new L3NetworkInput(null, name, description, cidr, gateway, dnsServers, false, vniPoolId));
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_private_created(n.name(), n.cidr())))
                    .redirect("/portal/networks/" + n.id());
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.list(visible(caller), poolOptions(caller), form,
                    portal.fieldErrors(e))).build();
        } catch (NubisException e) {
            return Response.status(e instanceof io.nubis.platform.ConflictException ? 409 : 400)
                    .entity(Templates.list(visible(caller), poolOptions(caller), form,
                            Map.of("vniPoolId", portal.text(e.text()))))
                    .build();
        }
    }

    @Action("l3-network:read")
    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath String id) {
        return detailPage(callers.caller(), id, Map.of());
    }

    private TemplateInstance detailPage(Caller caller, String id, Map<String, String> errors) {
        L3NetworkView n = networks.get(caller, id);
        boolean mine = n.kind() == L3Kind.Private && caller.canAccess(n.accountId());
        if (!mine) {
            return Templates.detail(n, false, null, List.of(), List.of(), List.of(), List.of(), errors);
        }
        List<Option> addresses = ipam.leases(id).stream()
                .map(a -> new Option(a.ip(), (a.hostname() == null ? "" : a.hostname() + " ") + "(" + a.ip() + ")"))
                .toList();
        return Templates.detail(n, true, routers.ofNetwork(caller, id).orElse(null),
                eips.list(caller).stream().filter(e -> e.l3NetworkId().equals(id)).toList(),
                forwards.list(caller, id), addresses, loadBalancers.list(caller, id), errors);
    }

    @Action("elastic-ip:allocate")
    @POST
    @Path("{id}/elastic-ips")
    public Response allocate(@RestPath String id) {
        return change(id, () -> eips.allocate(callers.caller(), id));
    }

    @Action("elastic-ip:attach")
    @POST
    @Path("{id}/elastic-ips/{eipId}/attach")
    public Response attach(@RestPath String id, @RestPath String eipId, @RestForm String privateIp) {
        return change(id, () -> eips.attach(callers.caller(), eipId, privateIp));
    }

    @Action("elastic-ip:detach")
    @POST
    @Path("{id}/elastic-ips/{eipId}/detach")
    public Response detach(@RestPath String id, @RestPath String eipId) {
        return change(id, () -> eips.detach(callers.caller(), eipId));
    }

    @Action("elastic-ip:release")
    @POST
    @Path("{id}/elastic-ips/{eipId}/release")
    public Response release(@RestPath String id, @RestPath String eipId) {
        return change(id, () -> eips.release(callers.caller(), eipId));
    }

    @Action("l3-network:add-port-forward")
    @POST
    @Path("{id}/port-forwards")
    public Response addForward(@RestPath String id, @RestForm String protocol, @RestForm String publicStart,
            @RestForm String publicEnd, @RestForm String privateIp, @RestForm String privateStart) {
        Caller caller = callers.caller();
        try {
            forwards.create(caller, id, new PortForwardInput(protocol, VniPoolPages.number("publicStart", publicStart),
                    VniPoolPages.number("publicEnd", publicEnd), privateIp,
                    VniPoolPages.number("privateStart", privateStart)));
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_rules_saved()))
                    .redirect("/portal/networks/" + id);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(detailPage(caller, id, portal.fieldErrors(e))).build();
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/portal/networks/" + id);
        }
    }

    @Action("l3-network:add-load-balancer")
    @POST
    @Path("{id}/load-balancers")
    public Response addLoadBalancer(@RestPath String id, @RestForm String name, @RestForm String protocol,
            @RestForm String port, @RestForm String algorithm, @RestForm String checkSeconds,
            @RestForm String address) {
        Caller caller = callers.caller();
        try {
            loadBalancers.create(caller, id, new io.nubis.network.LoadBalancerInput(name, protocol,
                    VniPoolPages.number("port", port), algorithm, VniPoolPages.number("checkSeconds", checkSeconds),
                    address));
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_rules_saved()))
                    .redirect("/portal/networks/" + id);
        } catch (InvalidInputException e) {
            Map<String, String> errors = new java.util.HashMap<>();
            portal.fieldErrors(e).forEach((k, v) -> errors.put("lb." + k, v));
            return Response.status(400).entity(detailPage(caller, id, errors)).build();
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/portal/networks/" + id);
        }
    }

    @Action("l3-network:remove-load-balancer")
    @POST
    @Path("{id}/load-balancers/{lbId}/delete")
    public Response deleteLoadBalancer(@RestPath String id, @RestPath String lbId) {
        return change(id, () -> loadBalancers.delete(callers.caller(), id, lbId));
    }

    @Action("l3-network:add-load-balancer")
    @POST
    @Path("{id}/load-balancers/{lbId}/backends")
    public Response addBackend(@RestPath String id, @RestPath String lbId, @RestForm String ip,
            @RestForm String port, @RestForm String weight) {
        return change(id, () -> loadBalancers.addBackend(callers.caller(), id, lbId,
                new io.nubis.network.LoadBalancerBackendInput(ip, VniPoolPages.number("port", port),
                        VniPoolPages.number("weight", weight))));
    }

    @Action("l3-network:remove-load-balancer")
    @POST
    @Path("{id}/load-balancers/{lbId}/backends/{backendId}/delete")
    public Response removeBackend(@RestPath String id, @RestPath String lbId, @RestPath String backendId) {
        return change(id, () -> loadBalancers.removeBackend(callers.caller(), id, lbId, backendId));
    }

    @Action("l3-network:remove-port-forward")
    @POST
    @Path("{id}/port-forwards/{ruleId}/delete")
    public Response deleteForward(@RestPath String id, @RestPath String ruleId) {
        return change(id, () -> forwards.delete(callers.caller(), id, ruleId));
    }

    private Response change(String id, java.util.function.Supplier<Object> action) {
        try {
            action.get();
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_rules_saved()))
                    .redirect("/portal/networks/" + id);
        } catch (InvalidInputException e) {
            return Flash.error(e.errors().get(0).text()).redirect("/portal/networks/" + id);
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/portal/networks/" + id);
        }
    }

    @Action("l3-network:delete")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id, @RestForm String cascade) {
        Caller caller = callers.caller();
        L3NetworkView n = networks.get(caller, id);
        try {
            networks.delete(caller, id, "on".equals(cascade) || "true".equals(cascade));
            return Flash.success(Text.of(NetworkMessages.class, m -> m.flash_private_deleted(n.name())))
                    .redirect("/portal/networks");
        } catch (NubisException e) {
            return Flash.error(e.text()).redirect("/portal/networks/" + id);
        }
    }

    private List<L3NetworkView> visible(Caller caller) {
        return networks.list(caller, null, null, new PageRequest(1, PageRequest.MAX_SIZE)).items();
    }

    private List<Option> poolOptions(Caller caller) {
        return pools.list(caller, null).stream().filter(p -> !p.clusters().isEmpty())
                .map((VniPoolView p) -> new Option(p.id(), p.name() + " (" + p.zoneName() + ")")).toList();
    }
}
