package io.nubis.compute.web;

import io.nubis.platform.Action;
import io.nubis.platform.Text;
import io.nubis.compute.ComputeMessages;
import io.nubis.compute.ClusterService;
import io.nubis.compute.HostFilter;
import io.nubis.compute.HostInput;
import io.nubis.compute.HostService;
import io.nubis.compute.HostState;
import io.nubis.compute.HostStatus;
import io.nubis.compute.HostView;
import io.nubis.compute.ZoneService;
import io.nubis.iam.AccessControl;
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
 * Hosts: list with filters and capacity, detail (state vs status, capacity, facts, recent jobs with live progress), add
 * and edit (one form), and the actions enable, disable, maintenance, reconnect and delete. Admin-only.
 */
@Path("/admin/hosts")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class HostPages {

    static final int RECENT_JOBS = 5;

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<HostView> hosts, HostListFilters filters, List<Option> zones,
                List<Option> clusters, List<Option> states, List<Option> statuses, String base, boolean busy,
                String sort,
                String sortBase);

        static native TemplateInstance detail(HostView host, List<JobView> jobs,
                io.nubis.compute.HostService.MaintenancePreview preview);

        /** The status card of the detail page alone, refreshed by htmx when a job of the host finishes. */
        static native TemplateInstance detail$summary(HostView host);

        static native TemplateInstance form(HostView host, HostForm form, List<Option> clusters,
                Map<String, String> errors);

        static native TemplateInstance confirmDelete(HostView host);
    }

    /** The list filters as submitted, shown back in the filter form. */
    public record HostListFilters(String zoneId, String clusterId, String state, String status, String q) {
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    AccessControl access;
    @Inject
    HostService hosts;
    @Inject
    ClusterService clusters;
    @Inject
    ZoneService zones;
    @Inject
    JobService jobs;

    @Action("host:read")
    @GET
    public TemplateInstance list(@RestQuery String zoneId, @RestQuery String clusterId, @RestQuery String state,
            @RestQuery String status, @RestQuery String q, @RestQuery String page, @RestQuery String size,
            @RestQuery String sort) {
        Caller caller = callers.caller();
        HostState st = PageParams.enumOrNull(HostState.class, state);
        HostStatus ss = PageParams.enumOrNull(HostStatus.class, status);
        String order = HostService.ORDER.accepted(sort);
        Page<HostView> result = hosts.list(caller, new HostFilter(zoneId, clusterId, st, ss, q),
                PageParams.of(page, size, order));
        HostListFilters f = new HostListFilters(blank(zoneId), blank(clusterId), st == null ? "" : st.name(),
                ss == null ? "" : ss.name(), blank(q));
        return Templates.list(result, f,
                zones.all(caller).stream().map(z -> new Option(z.id(), z.name())).toList(),
                clusterOptions(caller), portal.options(HostState.values()), portal.options(HostStatus.values()),
                PageParams.base("/admin/hosts", PageParams.filters("zoneId", zoneId, "clusterId", clusterId, "state",
                        f.state(), "status", f.status(), "q", q, "sort", order)),
                // hosts being connected or deleted: the table refreshes itself until they settle
                result.items().stream()
                        .anyMatch(h -> h.status() == HostStatus.Connecting || h.status() == HostStatus.Deleting),
                order, PageParams.base("/admin/hosts", PageParams.filters("zoneId", zoneId, "clusterId", clusterId,
                        "state", f.state(), "status", f.status(), "q", q)));
    }

    @Action("host:read")
    @GET
    @Path("new")
    public TemplateInstance addForm(@RestQuery String clusterId) {
        Caller caller = callers.caller();
        access.requireAdmin(caller);
        return Templates.form(null, HostForm.empty(clusterId), clusterOptions(caller), Map.of());
    }

    @Action("host:create")
    @POST
    public Response add(@RestForm String clusterId, @RestForm String name, @RestForm String description,
            @RestForm String address, @RestForm String sshPort, @RestForm String username, @RestForm String password,
            @RestForm String privateKey) {
        Caller caller = callers.caller();
        HostForm form = new HostForm(clusterId, name, description, address, sshPort, username, password, privateKey);
        try {
            if (!form.portIsNumber()) {
                throw new InvalidInputException("sshPort", Text.msg(m -> m.error_integer()));
            }
            Accepted<HostView> accepted = hosts.add(caller, form.input());
            return Flash.info(Text.of(ComputeMessages.class, m -> m.flash_host_adding(accepted.resource().name())))
                    .redirect("/admin/hosts/" + accepted.resource().id());
        } catch (InvalidInputException e) {
            return Response.status(400)
                    .entity(Templates.form(null, form, clusterOptions(caller), portal.fieldErrors(e))).build();
        }
    }

    @Action("host:read")
    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath String id) {
        Caller caller = callers.caller();
        HostView h = hosts.get(caller, id);
        return Templates.detail(h, jobs.forResource(caller, id, RECENT_JOBS), hosts.maintenancePreview(caller, id));
    }

    @Action("host:read")
    @GET
    @Path("{id}/summary")
    public TemplateInstance summary(@RestPath String id) {
        return Templates.detail$summary(hosts.get(callers.caller(), id));
    }

    @Action("host:read")
    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@RestPath String id) {
        HostView h = hosts.get(callers.caller(), id);
        return Templates.form(h, HostForm.of(h), List.of(), Map.of());
    }

    @Action("host:update")
    @POST
    @Path("{id}")
    public Response update(@RestPath String id, @RestForm String name, @RestForm String description) {
        Caller caller = callers.caller();
        HostView current = hosts.get(caller, id);
        HostForm form = new HostForm(current.clusterId(), name, description, current.address(),
                String.valueOf(current.sshPort()), current.username(), null, null);
        try {
            HostView h = hosts.update(caller, id, new HostInput(null, name, description, null, null, null));
            return Flash.success(Text.of(ComputeMessages.class, m -> m.flash_host_updated(h.name())))
                    .redirect("/admin/hosts/" + id);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.form(current, form, List.of(), portal.fieldErrors(e)))
                    .build();
        }
    }

    @Action("host:enable")
    @POST
    @Path("{id}/enable")
    public Response enable(@RestPath String id) {
        return act(id, ComputeMessages::flash_host_enabled, c -> hosts.setEnabled(c, id, true));
    }

    @Action("host:disable")
    @POST
    @Path("{id}/disable")
    public Response disable(@RestPath String id) {
        return act(id, ComputeMessages::flash_host_disabled, c -> hosts.setEnabled(c, id, false));
    }

    @Action("host:maintenance")
    @POST
    @Path("{id}/maintenance")
    public Response maintenance(@RestPath String id, @RestForm String stopVms) {
        return act(id, ComputeMessages::flash_host_maintenance, c -> hosts.maintenance(c, id, "on".equals(stopVms)
                || "true".equals(stopVms)).resource());
    }

    @Action("host:reconnect")
    @POST
    @Path("{id}/reconnect")
    public Response reconnect(@RestPath String id) {
        return act(id, ComputeMessages::flash_host_reconnecting, c -> hosts.reconnect(c, id).resource());
    }

    @Action("host:accept-host-key")
    @POST
    @Path("{id}/accept-key")
    public Response acceptKey(@RestPath String id, @RestForm String fingerprint) {
        Caller caller = callers.caller();
        try {
            Accepted<HostView> accepted = hosts.acceptHostKey(caller, id, fingerprint);
            return Flash
                    .success(Text.of(ComputeMessages.class, m -> m.flash_host_key_accepted(accepted.resource().name())))
                    .redirect("/admin/hosts/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/hosts/" + id);
        } catch (InvalidInputException e) {
            return Flash.error(Text.msg(m -> m.error_key_changed_again())).redirect("/admin/hosts/" + id);
        }
    }

    @Action("host:read")
    @GET
    @Path("{id}/delete")
    public TemplateInstance confirmDelete(@RestPath String id) {
        return Templates.confirmDelete(hosts.get(callers.caller(), id));
    }

    @Action("host:delete")
    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id) {
        Caller caller = callers.caller();
        try {
            Accepted<HostView> accepted = hosts.delete(caller, id);
            return Flash.info(Text.of(ComputeMessages.class, m -> m.flash_host_deleting(accepted.resource().name())))
                    .redirect("/jobs/" + accepted.jobId());
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/hosts/" + id);
        }
    }

    private Response act(String id, BiFunction<ComputeMessages, String, String> flash,
            Function<Caller, HostView> action) {
        try {
            HostView h = action.apply(callers.caller());
            return Flash.success(Text.of(ComputeMessages.class, m -> flash.apply(m, h.name())))
                    .redirect("/admin/hosts/" + id);
        } catch (ConflictException e) {
            return Flash.error(e.text()).redirect("/admin/hosts/" + id);
        }
    }

    private List<Option> clusterOptions(Caller caller) {
        return clusters.all(caller).stream()
                .map(c -> new Option(c.id(), c.zoneName() == null ? c.name() : c.zoneName() + " / " + c.name()))
                .toList();
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }
}
