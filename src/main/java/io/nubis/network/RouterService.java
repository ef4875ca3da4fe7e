package io.nubis.network;

import io.nubis.compute.HostAccess;
import io.nubis.compute.HostStatus;
import io.nubis.driver.DriverException;
import io.nubis.driver.NetworkDriver;
import io.nubis.driver.NetworkDrivers;
import io.nubis.driver.RouterSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Virtual routers of private networks (issue 10). A private network whose VNI pool names a public network gets one
 * router, created on first need (the first VM placed on the network), on a Connected host of a cluster that carries
 * both networks (the VM's host when it can, else the one with the fewest routers). The row, with its host, is written
 * before anything happens on the host; its public address comes from the public network's IPAM (owner type
 * {@value #OWNER}). Everything the router does is derived from the database each time ({@link #apply}), so applying
 * again yields the same namespace, rules and names; {@link RouterReconciler} does so periodically, which re-creates a
 * router found missing and removes those of deleted networks. Call outside transactions: these methods call hosts.
 */
@ApplicationScoped
public class RouterService {

    /** Owner type of routers' public addresses. */
    public static final String OWNER = "router";
    private static final Logger LOG = Logger.getLogger(RouterService.class);

    @Inject
    RouterStore store;
    @Inject
    HostAccess hosts;
    @Inject
    NetworkDrivers drivers;
    @Inject
    IpamService ipam;
    @Inject
    L2Lifecycle segments;

    private final java.util.concurrent.ConcurrentHashMap<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Makes sure the private network's router runs, creating it on first need; nothing for networks without one. A
     * failure is recorded on the router (state Error) and thrown: the VM that needed it does not start without its
     * gateway.
     */
    public void ensureFor(String l3Id, String nearHostId) throws DriverException {
        Optional<RouterStore.Need> need = store.need(l3Id);
        if (need.isEmpty()) {
            return;
        }
        VirtualRouter r = store.byNetwork(l3Id).orElse(null);
        if (r == null) {
            String host = place(need.get(), nearHostId);
            r = store.create(l3Id, need.get().publicL3Id(), host);
            if (r == null) {
                r = store.byNetwork(l3Id).orElseThrow();
            }
        }
        apply(r.id);
    }

    /** Pushes the network's current names to its router, if it has one (after a VM came or went). */
    public void refresh(String l3Id) throws DriverException {
        Optional<VirtualRouter> r = store.byNetwork(l3Id);
        if (r.isPresent()) {
            apply(r.get().id);
        }
    }

    /**
     * Applies the router as its row says now (read under the router's lock: whatever changed its host or rules before
     * is seen); nothing for a router that is gone or being removed. Changes of one router (apply, move, removal) run
     * one at a time in this server.
     */
    void apply(String routerId) throws DriverException {
        synchronized (lock(routerId)) {
            VirtualRouter r = store.byId(routerId).orElse(null);
            if (r != null && r.state != RouterState.Deleting && r.hostId != null) {
                applyNow(r);
            }
        }
    }

    /** Takes the router off its host, under its lock (the first half of a re-create). */
    void removeFromHost(String routerId) throws DriverException {
        synchronized (lock(routerId)) {
            VirtualRouter r = store.byId(routerId).orElseThrow();
            HostAccess.HostRef host = hosts.host(r.hostId);
            drivers.get(host.driverType()).removeRouter(host.endpoint(), r.l3Id);
        }
    }

    /**
     * What the network router's load balancers think of their backends now ({@link NetworkDriver#loadBalancerHealth});
     * empty when there is no running router or its host cannot tell.
     */
    java.util.Map<String, String> health(String l3Id) {
        VirtualRouter r = store.byNetwork(l3Id).orElse(null);
        if (r == null || r.hostId == null || r.state == RouterState.Deleting || !hosts.exists(r.hostId)) {
            return java.util.Map.of();
        }
        try {
            HostAccess.HostRef host = hosts.host(r.hostId);
            return drivers.get(host.driverType()).loadBalancerHealth(host.endpoint(), l3Id);
        } catch (DriverException | RuntimeException e) {
            LOG.debugf("load balancer health of network %s: %s", l3Id, e.getMessage());
            return java.util.Map.of();
        }
    }

    private Object lock(String routerId) {
        return locks.computeIfAbsent(routerId, k -> new Object());
    }

    /** The router's spec on its host, from the database: both bridges ensured first, then the router. */
    private void applyNow(VirtualRouter r) throws DriverException {
        try {
            RouterStore.Need need = store.need(r.l3Id).orElseThrow(() -> new DriverException(
                    "the network of router " + r.id + " no longer has a public network"));
            RouterStore.Uplink up = store.uplink(r.publicL3Id);
            String ip = r.publicIp;
            if (ip == null) {
                ip = ipam.allocate(r.publicL3Id, OWNER, r.id, null, null, null).ip();
                store.setPublicIp(r.id, ip);
            }
            HostAccess.HostRef host = hosts.host(r.hostId);
            NetworkDriver driver = drivers.get(host.driverType());
            L2Lifecycle.Segment inside = segments.segment(need.l2Id());
            L2Lifecycle.Segment outside = segments.segment(up.l2Id());
            driver.ensureBridge(host.endpoint(), segments.bridgeFor(inside, host));
            driver.ensureBridge(host.endpoint(), segments.bridgeFor(outside, host));
            List<RouterSpec.Name> names = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (IpAllocationView a : ipam.leases(r.l3Id)) {
                if (a.hostname() != null && seen.add(a.hostname().toLowerCase(java.util.Locale.ROOT))) {
                    names.add(new RouterSpec.Name(a.hostname(), a.ip()));
                }
            }
            List<String> upstream = need.ownDns().isEmpty() ? up.dns() : need.ownDns();
            RouterStore.Rules rules = store.rules(r.l3Id);
            driver.ensureRouter(host.endpoint(), new RouterSpec(r.l3Id, inside.bridge(), need.gateway(),
                    need.prefix(), outside.bridge(), ip, up.prefix(), up.gateway(), upstream, names,
                    rules.elasticIps(), rules.portForwards(), rules.listeners()));
            store.outcome(r.id, null);
        } catch (DriverException | RuntimeException e) {
            store.outcome(r.id, e.getMessage());
            throw e;
        }
    }

    /** Takes a router off its host and forgets it (its network is gone), releasing its public address. */
    void remove(String routerId) throws DriverException {
        synchronized (lock(routerId)) {
            VirtualRouter r = store.byId(routerId).orElse(null);
            if (r == null) {
                return;
            }
            if (r.hostId != null && hosts.exists(r.hostId)) {
                HostAccess.HostRef host = hosts.host(r.hostId);
                drivers.get(host.driverType()).removeRouter(host.endpoint(), r.l3Id);
            }
            ipam.release(r.publicL3Id, r.id);
            store.delete(r.id);
            locks.remove(routerId);
            LOG.infof("router %s of deleted network %s removed", r.id, r.l3Id);
        }
    }

    /**
     * Moves the routers of a host going into maintenance to other hosts (removed here first, then made there: a moment
     * without gateway, the same MACs and addresses afterwards).
     */
    public void evacuate(String hostId) throws DriverException {
        for (VirtualRouter r : store.all()) {
            if (!hostId.equals(r.hostId) || r.state == RouterState.Deleting) {
                continue;
            }
            RouterStore.Need need = store.need(r.l3Id).orElse(null);
            if (need == null) {
                continue;
            }
            String target = place(need, null, hostId);
            synchronized (lock(r.id)) {
                // off the old host before the row names the new one: a crash in between leaves the row on the old
                // host, so the resumed step (or the reconciler) finds it there; never two routers answering at once
                HostAccess.HostRef old = hosts.host(hostId);
                drivers.get(old.driverType()).removeRouter(old.endpoint(), r.l3Id);
                store.setHost(r.id, target);
                r.hostId = target;
                applyNow(r);
            }
            LOG.infof("router %s moved from host %s to %s", r.id, hostId, target);
        }
    }

    private String place(RouterStore.Need need, String nearHostId) throws DriverException {
        return place(need, nearHostId, null);
    }

    /**
     * Where a router goes: a Connected, Enabled host (not {@code excludeHostId}) of a cluster attached to both the
     * private and the public network's L2, the VM's host if it is one, else the one running the fewest routers.
     */
    private String place(RouterStore.Need need, String nearHostId, String excludeHostId) throws DriverException {
        Set<String> both = new HashSet<>(store.clustersOf(need.l2Id()));
        both.retainAll(store.clustersOf(store.uplink(need.publicL3Id()).l2Id()));
        List<HostAccess.HostRef> candidates = hosts.hostsIn(both).stream()
                .filter(h -> h.status() == HostStatus.Connected && h.state() == io.nubis.compute.HostState.Enabled
                        && !h.id().equals(excludeHostId))
                .toList();
        if (candidates.isEmpty()) {
            throw new DriverException("no Connected host can run the router of network " + need.l3Id()
                    + ": no cluster carries both it and its public network " + need.publicL3Id());
        }
        return candidates.stream().filter(h -> h.id().equals(nearHostId)).findFirst()
                .or(() -> candidates.stream().min(Comparator.comparingLong(h -> store.countOn(h.id()))))
                .orElseThrow().id();
    }
}
