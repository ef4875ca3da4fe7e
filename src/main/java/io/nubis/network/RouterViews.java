package io.nubis.network;

import io.nubis.compute.HostAccess;
import io.nubis.iam.AccessControl;
import io.nubis.iam.AuditLog;
import io.nubis.iam.Audited;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Caller;
import io.nubis.job.Accepted;
import io.nubis.job.JobRequest;
import io.nubis.job.JobService;
import io.nubis.platform.ConflictException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Rows;
import io.nubis.platform.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Routers as the API and portal show them: admins see all (with host and error), tenants the router of their own
 * private network. Admins re-create one with a {@code router.recreate} job.
 */
@ApplicationScoped
@Transactional
public class RouterViews {

    static final String TYPE = "router";

    @Inject
    AccessControl access;
    @Inject
    L3NetworkService l3;
    @Inject
    HostAccess hosts;
    @Inject
    JobService jobs;
    @Inject
    AuditLog audit;

    public List<RouterView> list(Caller caller) {
        access.requireAdmin(caller);
        return views(caller, VirtualRouter.list("order by createdAt"));
    }

    /** The router of a network the caller sees, if it has one. */
    public Optional<RouterView> ofNetwork(Caller caller, String l3Id) {
        l3.get(caller, l3Id);
        List<VirtualRouter> r = VirtualRouter.list("l3Id", l3Id);
        return r.isEmpty() ? Optional.empty() : Optional.of(views(caller, r).get(0));
    }

    @Audited("router.recreate")
    public Accepted<RouterView> recreate(Caller caller, String id) {
        access.requireAdmin(caller);
        VirtualRouter r = id == null ? null : VirtualRouter.findById(id);
        if (r == null) {
            throw new NotFoundException(TYPE, id);
        }
        if (r.state == RouterState.Deleting || r.hostId == null) {
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_router_not_recreatable()));
        }
        String name = Rows.valueById(L3Network.class, List.of(r.l3Id), n -> n.name).getOrDefault(r.l3Id, r.l3Id);
        String account = Rows.valueById(L3Network.class, List.of(r.l3Id), n -> n.accountId).get(r.l3Id);
        String job = jobs.submit(caller, new JobRequest(RouterRecreateWorkflow.TYPE, TYPE, r.id, name, account,
                Map.of()));
        audit.accepted(caller, "router.recreate", AuditTarget.of(TYPE, r.id, name, account), job);
        return new Accepted<>(views(caller, List.of(r)).get(0), job);
    }

    private List<RouterView> views(Caller caller, List<VirtualRouter> routers) {
        Map<String, String> names = Rows.valueById(L3Network.class,
                routers.stream().map(r -> r.l3Id).collect(Collectors.toSet()), n -> n.name);
        Map<String, String> hostNames = caller.admin()
                ? hosts.names(routers.stream().map(r -> r.hostId).filter(java.util.Objects::nonNull).toList())
                : Map.of();
        return routers.stream().map(r -> new RouterView(r.id, r.l3Id, names.get(r.l3Id), r.publicL3Id, r.publicIp,
                r.state, caller.admin() ? r.hostId : null, hostNames.get(r.hostId),
                caller.admin() ? r.lastError : null, r.createdAt, r.updatedAt)).toList();
    }
}
