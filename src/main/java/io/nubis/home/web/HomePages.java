package io.nubis.home.web;

import io.nubis.platform.Action;
import io.nubis.platform.NoAction;
import io.nubis.compute.InventoryService;
import io.nubis.compute.InventorySummary;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.job.JobFilter;
import io.nubis.job.JobService;
import io.nubis.job.JobView;
import io.nubis.platform.PageRequest;
import io.nubis.platform.web.Flash;
import io.nubis.vm.VmService;
import io.nubis.vm.VmState;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The start page of each kind of caller. */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class HomePages {

    static final int RECENT_JOBS = 8;

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance dashboard(InventorySummary summary, List<JobView> jobs, long attention,
                List<CapacityLine> capacity, java.util.Map<VmState, Long> vmsByState, long failedJobs,
                long deniedActions);

        static native TemplateInstance tenant(Caller caller, List<JobView> jobs, long jobCount, long vmCount,
                long vmRunning, List<io.nubis.iam.QuotaView> quotas, java.util.Map<VmState, Long> vmsByState);
    }

    @Inject
    io.nubis.iam.QuotaService quotas;
    @Inject
    io.nubis.iam.Authorizer authorizer;
    @Inject
    CallerResolver callers;
    @Inject
    InventoryService inventory;
    @Inject
    JobService jobs;
    @Inject
    VmService vms;
    @Inject
    io.nubis.job.AttentionService attention;
    @Inject
    io.nubis.capacity.CapacityService capacity;
    @Inject
    io.nubis.iam.AuditLog audit;

    /** Admins to the dashboard, tenants to their home. A user without an account gets the 403 page. */
    @NoAction("the start page only sends the user to the right home")
    @GET
    public Response home() {
        return Flash.redirectTo(callers.caller().admin() ? "/admin" : "/portal");
    }

    @Action("dashboard:read")
    @GET
    @Path("admin")
    public TemplateInstance dashboard() {
        Caller caller = callers.caller();
        InventorySummary summary = inventory.summary(caller);
        java.time.Instant dayAgo = java.time.Instant.now().minus(java.time.Duration.ofHours(24));
        return Templates.dashboard(summary,
                jobs.list(caller, JobFilter.none(), new PageRequest(1, RECENT_JOBS)).items(),
                attention.openCount(caller), CapacityLine.of(capacity.current(caller)), vms.countByState(caller),
                jobs.countEnded(caller, io.nubis.job.JobState.Failed, dayAgo),
                audit.countSince(caller, io.nubis.iam.AuditResult.DENIED, dayAgo));
    }

    /** A capacity chart's data (the dashboard's script draws it): one scope's metric over a range. */
    @Action("dashboard:read")
    @GET
    @Path("admin/capacity-history")
    @Produces(MediaType.APPLICATION_JSON)
    public io.nubis.capacity.CapacityService.History capacityHistory(
            @org.jboss.resteasy.reactive.RestQuery String scope,
            @org.jboss.resteasy.reactive.RestQuery String id, @org.jboss.resteasy.reactive.RestQuery String metric,
            @org.jboss.resteasy.reactive.RestQuery String range) {
        return capacity.history(callers.caller(), scope, id, metric, range);
    }

    /** One scope's line in the dashboard's capacity table: its figures, one per metric. */
    public record CapacityLine(String scope, String id, String name, List<io.nubis.platform.CapacityRow> figures) {

        /** The rows grouped by scope and id, in the order they came (the whole cloud first). */
        static List<CapacityLine> of(List<io.nubis.platform.CapacityRow> rows) {
            java.util.Map<String, CapacityLine> lines = new java.util.LinkedHashMap<>();
            for (io.nubis.platform.CapacityRow r : rows) {
                lines.computeIfAbsent(r.scope() + "/" + r.id(),
                        k -> new CapacityLine(r.scope(), r.id(), r.name(), new java.util.ArrayList<>())).figures()
                        .add(r);
            }
            return List.copyOf(lines.values());
        }

        /** The message key of the scope's label ({@code primary-storage} -> {@code capacity_scope_primary_storage}). */
        public String scopeKey() {
            return "capacity_scope_" + scope.replace('-', '_');
        }

        /** The message key of a metric's label. */
        public String metricKey(String metric) {
            return "capacity_metric_" + metric;
        }

        /** A figure for people: GiB for storage, else as counted. */
        public String amount(io.nubis.platform.CapacityRow f) {
            return "storage".equals(f.metric())
                    ? String.format(java.util.Locale.ROOT, "%.1f / %.1f", f.used() / 1073741824.0,
                            f.total() / 1073741824.0)
                    : f.used() + " / " + f.total();
        }
    }

    /** Each card shows only what the caller's policies let it read (a member may be denied some). */
    @NoAction("every signed-in user of an account has a home page; each card is checked against its own action")
    @GET
    @Path("portal")
    public TemplateInstance tenant() {
        Caller caller = callers.caller();
        boolean readJobs = authorizer.decide(caller, "job:read", null).allowed();
        var recent = readJobs
                ? jobs.list(caller, JobFilter.none(), new PageRequest(1, RECENT_JOBS))
                : new io.nubis.platform.Page<JobView>(List.of(), 1, RECENT_JOBS, 0);
        boolean readVms = authorizer.decide(caller, "vm:read", null).allowed();
        // one count by state gives the totals too (two list counts more cost 20,000 rows each at 20,000 VMs)
        java.util.Map<VmState, Long> byState = readVms ? vms.countByState(caller) : java.util.Map.of();
        long vmCount = readVms ? byState.values().stream().mapToLong(Long::longValue).sum() : -1;
        long vmRunning = byState.getOrDefault(VmState.Running, 0L);
        return Templates.tenant(caller, recent.items(), recent.total(), vmCount, vmRunning,
                authorizer.decide(caller, "quota:read", null).allowed()
                        ? quotas.view(caller, caller.accountId())
                        : List.of(),
                byState);
    }
}
