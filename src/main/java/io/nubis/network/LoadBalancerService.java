package io.nubis.network;

import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Audited;
import io.nubis.iam.Caller;
import io.nubis.iam.QuotaKind;
import io.nubis.iam.QuotaService;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Load balancers of a tenant's private networks (issue 11), run by the network's virtual router: a listener on the
 * router's public address (a port no TCP port forward and no other load balancer of the network has) spreading
 * connections over backends (VM NIC addresses of the network) that pass their health check. Every change is written
 * first (under the network's row lock), then a {@code router.apply} job gives the router the whole set.
 */
@ApplicationScoped
@Transactional
public class LoadBalancerService {

    static final String TYPE = "load-balancer";
    /** Owner type of private load balancer addresses in IPAM. */
    public static final String OWNER = "lb";
    /** Load balancers per network and backends per load balancer. */
    static final int MAX_PER_NETWORK = 16;
    static final int MAX_BACKENDS = 64;

    @Inject
    NetworkServiceRules rules;
    @Inject
    L3NetworkService networks;
    @Inject
    AuditLog audit;
    @Inject
    RouterService routers;
    @Inject
    IpamService ipam;
    @Inject
    QuotaService quotas;

    /** A change and the job that applies it (null: no router yet). */
    public record Change(LoadBalancerView loadBalancer, String jobId) {
    }

    public List<LoadBalancerView> list(Caller caller, String l3Id) {
        networks.get(caller, l3Id);
        String publicIp = PortForwardService.publicIp(l3Id);
        List<LoadBalancer> lbs = LoadBalancer.list("l3Id = ?1 order by port", l3Id);
        Map<String, String> health = lbs.isEmpty() ? Map.of() : routers.health(l3Id);
        return lbs.stream().map(lb -> view(lb, publicIp, health)).toList();
    }

    @Audited("load-balancer.create")
    public Change create(Caller caller, String l3Id, LoadBalancerInput in) {
        L3NetworkView seen = networks.get(caller, l3Id);
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        v.name("name", in.name());
        String protocol = lower(in.protocol(), "tcp");
        String algorithm = lower(in.algorithm(), "roundrobin");
        int check = in.checkSeconds() == null ? 5 : in.checkSeconds();
        v.check(protocol.equals("tcp") || protocol.equals("http"), "protocol",
                Text.of(NetworkMessages.class, m -> m.error_lb_protocol()));
        v.required("port", in.port());
        v.check(in.port() == null || (in.port() >= 1 && in.port() <= 65535), "port",
                Text.of(NetworkMessages.class, m -> m.error_port_range(1, 65535)));
        v.check(algorithm.equals("roundrobin") || algorithm.equals("leastconn"), "algorithm",
                Text.of(NetworkMessages.class, m -> m.error_lb_algorithm()));
        v.check(check >= 1 && check <= 300, "checkSeconds", Text.of(NetworkMessages.class, m -> m.error_lb_check()));
        String address = lower(in.address(), "public");
        v.check(address.equals("public") || address.equals("private"), "address",
                Text.of(NetworkMessages.class, m -> m.error_lb_address()));
        v.throwIfAny();
        String id = Ids.newId();
        String vip = null;
        if (address.equals("private") && seen.kind() == L3Kind.Private && caller.canAccess(seen.accountId())) {
            // before the network's row lock: IPAM commits on its own and its insert needs that row (the sweep
            // releases the address if anything below refuses the load balancer)
            vip = ipam.allocate(l3Id, OWNER, id, null, null, null).ip();
        }
        L3Network n = rules.ownPrivate(caller, l3Id, null);
        int port = in.port();
        if (LoadBalancer.count("l3Id", n.id) >= MAX_PER_NETWORK) {
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_lb_limit(MAX_PER_NETWORK)));
        }
        quotas.require(n.accountId, Map.of(QuotaKind.LOAD_BALANCERS, 1L));
        boolean taken = LoadBalancer.count("l3Id = ?1 and port = ?2", n.id, port) > 0
                || PortForward.count("l3Id = ?1 and protocol = 'tcp' and publicStart <= ?2 and publicEnd >= ?2", n.id,
                        port) > 0;
        if (taken) {
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_lb_port_taken(port)));
        }
        if (LoadBalancer.count("l3Id = ?1 and name = ?2", n.id, in.name().trim()) > 0) {
            throw new InvalidInputException("name", Text.msg(m -> m.error_name_taken(in.name().trim())));
        }
        LoadBalancer lb = new LoadBalancer();
        lb.id = id;
        lb.accountId = n.accountId;
        lb.l3Id = n.id;
        lb.name = in.name().trim();
        lb.protocol = protocol;
        lb.port = port;
        lb.algorithm = algorithm;
        lb.checkSeconds = check;
        lb.createdAt = Instant.now();
        lb.updatedAt = lb.createdAt;
        lb.vip = vip;
        lb.persist();
        audit.success(caller, "load-balancer.create", target(lb, n), protocol + " " + port + " " + algorithm);
        return new Change(view(lb, PortForwardService.publicIp(n.id)), rules.applyRouter(caller, n));
    }

    @Audited("load-balancer.delete")
    public String delete(Caller caller, String l3Id, String id) {
        L3Network n = rules.ownPrivate(caller, l3Id, null);
        LoadBalancer lb = find(n, id);
        LoadBalancerBackend.delete("loadBalancerId", lb.id);
        lb.delete();
        if (lb.vip != null) {
            ipam.release(n.id, lb.id);
        }
        audit.success(caller, "load-balancer.delete", target(lb, n), lb.protocol + " " + lb.port);
        return rules.applyRouter(caller, n);
    }

    /** Adds a backend: a VM NIC address of the network (400 otherwise), a port, a weight; 409 for a duplicate. */
    @Audited("load-balancer.add-backend")
    public Change addBackend(Caller caller, String l3Id, String id, LoadBalancerBackendInput in) {
        L3Network n = rules.ownPrivate(caller, l3Id, null);
        LoadBalancer lb = find(n, id);
        Validation v = Validation.start();
        if (in == null) {
            v.add("ip", Text.msg(m -> m.error_required())).throwIfAny();
        }
        String ip = Validation.blankToNull(in.ip());
        int weight = in.weight() == null ? 1 : in.weight();
        v.required("ip", ip).required("port", in.port());
        if (ip != null) {
            v.check(Ipv4.isValid(ip) && rules.isNicAddress(n.id, ip), "ip",
                    Text.of(NetworkMessages.class, m -> m.error_not_a_nic_address(ip)));
        }
        v.check(in.port() == null || (in.port() >= 1 && in.port() <= 65535), "port",
                Text.of(NetworkMessages.class, m -> m.error_port_range(1, 65535)));
        v.check(weight >= 1 && weight <= 256, "weight", Text.of(NetworkMessages.class, m -> m.error_lb_weight()));
        v.throwIfAny();
        if (LoadBalancerBackend.count("loadBalancerId = ?1 and ip = ?2 and port = ?3", lb.id, ip, in.port()) > 0) {
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_lb_backend_exists(ip, in.port())));
        }
        if (LoadBalancerBackend.count("loadBalancerId", lb.id) >= MAX_BACKENDS) {
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_lb_backends_limit(MAX_BACKENDS)));
        }
        LoadBalancerBackend b = new LoadBalancerBackend();
        b.id = Ids.newId();
        b.loadBalancerId = lb.id;
        b.ip = ip;
        b.port = in.port();
        b.weight = weight;
        b.createdAt = Instant.now();
        b.persist();
        lb.updatedAt = b.createdAt;
        audit.success(caller, "load-balancer.add-backend", target(lb, n), ip + ":" + b.port + " weight " + weight);
        return new Change(view(lb, PortForwardService.publicIp(n.id)), rules.applyRouter(caller, n));
    }

    @Audited("load-balancer.remove-backend")
    public Change removeBackend(Caller caller, String l3Id, String id, String backendId) {
        L3Network n = rules.ownPrivate(caller, l3Id, null);
        LoadBalancer lb = find(n, id);
        LoadBalancerBackend b = backendId == null ? null : LoadBalancerBackend.findById(backendId);
        if (b == null || !b.loadBalancerId.equals(lb.id)) {
            throw new NotFoundException("load-balancer-backend", backendId);
        }
        b.delete();
        lb.updatedAt = Instant.now();
        audit.success(caller, "load-balancer.remove-backend", target(lb, n), b.ip + ":" + b.port);
        return new Change(view(lb, PortForwardService.publicIp(n.id)), rules.applyRouter(caller, n));
    }

    private static LoadBalancer find(L3Network n, String id) {
        LoadBalancer lb = id == null ? null : LoadBalancer.findById(id);
        if (lb == null || !lb.l3Id.equals(n.id)) {
            throw new NotFoundException(TYPE, id);
        }
        return lb;
    }

    private static LoadBalancerView view(LoadBalancer lb, String publicIp) {
        return view(lb, publicIp, Map.of());
    }

    private static LoadBalancerView view(LoadBalancer lb, String publicIp, Map<String, String> health) {
        List<LoadBalancerView.Backend> backends = LoadBalancerBackend
                .<LoadBalancerBackend>list("loadBalancerId = ?1 order by ip, port", lb.id).stream()
                .map(b -> new LoadBalancerView.Backend(b.id, b.ip, b.port, b.weight,
                        health.get(lb.port + "/" + b.ip + ":" + b.port)))
                .toList();
        return new LoadBalancerView(lb.id, lb.l3Id, lb.name, lb.protocol, publicIp, lb.port, lb.algorithm,
                lb.checkSeconds, backends, lb.createdAt, lb.vip);
    }

    private static String lower(String s, String otherwise) {
        String b = Validation.blankToNull(s);
        return b == null ? otherwise : b.trim().toLowerCase(Locale.ROOT);
    }

    static AuditTarget target(LoadBalancer lb, L3Network n) {
        return AuditTarget.of(TYPE, lb.id, n.name + " " + lb.name, n.accountId);
    }
}
