package io.nubis.network;

import io.nubis.iam.AuditLog;
import io.nubis.iam.Caller;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What stands in the way of deleting an L3 network, named so its owner can act on it, and the cascade that takes a
 * private network's elastic IPs and port forwards with it (issue 10). Machines are never deleted by a cascade: like
 * OpenStack and CloudStack, Nubis refuses to delete a network that VMs still use and names them.
 */
@ApplicationScoped
class NetworkDeletion {

    /** How many holders, addresses or rules an error names before "and N more". */
    static final int LISTED = 10;

    @Inject
    AuditLog audit;
    @Inject
    IpamService ipam;

    /** 409 while addresses are allocated, naming who holds them: machines by name, other holders by kind. */
    void requireNoAddresses(L3Network n) {
        List<IpAllocation> used = IpAllocation.list("l3Id = ?1 order by ipValue", n.id);
        if (used.isEmpty()) {
            return;
        }
        List<String> named = new ArrayList<>();
        Map<String, Integer> others = new TreeMap<>();
        for (IpAllocation a : used) {
            if (a.hostname != null) {
                named.add(a.hostname + " (" + a.ip + ")");
            } else {
                others.merge(a.ownerType, 1, Integer::sum);
            }
        }
        others.forEach((type, count) -> named.add(type + " x" + count));
        String holders = listed(named);
        int count = used.size();
        throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_l3_in_use(n.name, count, holders)));
    }

    /**
     * Without {@code cascade}: 409 while the network has elastic IPs or port forwards, listing them. With it: releases
     * them (each audited); the router that served them goes with the network.
     */
    void clearServices(Caller caller, L3Network n, boolean cascade) {
        List<ElasticIp> eips = ElasticIp.list("l3Id = ?1 order by ip", n.id);
        List<PortForward> forwards = PortForward.list("l3Id = ?1 order by protocol, publicStart", n.id);
        List<LoadBalancer> lbs = LoadBalancer.list("l3Id = ?1 order by port", n.id);
        if (eips.isEmpty() && forwards.isEmpty() && lbs.isEmpty()) {
            return;
        }
        if (!cascade) {
            String e = listed(eips.stream().map(x -> x.ip).toList());
            List<String> rules = new java.util.ArrayList<>(forwards.stream().map(NetworkDeletion::rule).toList());
            lbs.forEach(lb -> rules.add("load balancer " + lb.name + " (" + lb.protocol + " " + lb.port + ")"));
            String f = listed(rules);
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_l3_has_services(n.name, e, f)));
        }
        for (LoadBalancer lb : lbs) {
            LoadBalancerBackend.delete("loadBalancerId", lb.id);
            lb.delete();
            if (lb.vip != null) {
                ipam.release(n.id, lb.id);
            }
            audit.success(caller, "load-balancer.delete", LoadBalancerService.target(lb, n), lb.name + " (cascade)");
        }
        for (PortForward p : forwards) {
            p.delete();
            audit.success(caller, "port-forward.delete", PortForwardService.target(p, n), rule(p) + " (cascade)");
        }
        for (ElasticIp e : eips) {
            e.delete();
            ipam.release(e.publicL3Id, e.id);
            audit.success(caller, "elastic-ip.release", ElasticIpService.target(e, n), e.ip + " (cascade)");
        }
    }

    private static String rule(PortForward p) {
        String ports = p.publicStart == p.publicEnd ? "" + p.publicStart : p.publicStart + "-" + p.publicEnd;
        return p.protocol + " " + ports + " -> " + p.privateIp + ":" + p.privateStart;
    }

    /** The first {@link #LISTED} items, comma-separated, then "+N"; "-" for none. */
    static String listed(List<String> items) {
        if (items.isEmpty()) {
            return "-";
        }
        String shown = String.join(", ", items.subList(0, Math.min(LISTED, items.size())));
        return items.size() > LISTED ? shown + " +" + (items.size() - LISTED) : shown;
    }
}
