package io.nubis.network;

import io.nubis.driver.RouterSpec;
import io.nubis.platform.Ids;
import io.nubis.platform.UniqueViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The router rows and what building a router's spec needs, each read or write its own short transaction. */
@ApplicationScoped
class RouterStore {

    @Inject
    EntityManager em;

    /** What the router of a private network needs of it; empty when the network has (or gets) no router. */
    record Need(String l3Id, String l2Id, String gateway, int prefix, List<String> ownDns, String publicL3Id) {
    }

    /** What a router needs of its public network. */
    record Uplink(String l3Id, String l2Id, int prefix, String gateway, List<String> dns) {
    }

    @Transactional
    Optional<Need> need(String l3Id) {
        L3Network n = l3Id == null ? null : L3Network.findById(l3Id);
        if (n == null || n.kind != L3Kind.Private) {
            return Optional.empty();
        }
        L2Network l2 = L2Network.findById(n.l2Id);
        VniPool pool = l2 == null || l2.vniPoolId == null ? null : VniPool.findById(l2.vniPoolId);
        VirtualRouter existing = VirtualRouter.find("l3Id", l3Id).firstResult();
        String publicL3 = existing != null ? existing.publicL3Id : pool == null ? null : pool.publicL3Id;
        if (publicL3 == null) {
            return Optional.empty();
        }
        return Optional.of(new Need(n.id, n.l2Id, n.gateway, n.prefixLength, dns(n.dnsServers), publicL3));
    }

    /** The network's bound elastic IPs, port forwards and load balancers, as the router applies them. */
    @Transactional
    Rules rules(String l3Id) {
        List<RouterSpec.ElasticIp> eips = ElasticIp.<ElasticIp>list("l3Id = ?1 and privateIp is not null order by ip",
                l3Id).stream().map(e -> new RouterSpec.ElasticIp(e.ip, e.privateIp)).toList();
        List<RouterSpec.PortForward> forwards = PortForward.<PortForward>list(
                "l3Id = ?1 order by protocol, publicStart", l3Id).stream()
                .map(p -> new RouterSpec.PortForward(p.protocol, p.publicStart, p.publicEnd, p.privateIp,
                        p.privateStart))
                .toList();
        List<RouterSpec.Listener> listeners = LoadBalancer.<LoadBalancer>list("l3Id = ?1 order by port", l3Id).stream()
                .map(lb -> new RouterSpec.Listener(lb.protocol, lb.port, lb.algorithm, lb.checkSeconds,
                        LoadBalancerBackend.<LoadBalancerBackend>list("loadBalancerId = ?1 order by ip, port", lb.id)
                                .stream().map(b -> new RouterSpec.Backend(b.ip, b.port, b.weight)).toList(),
                        lb.vip))
                .toList();
        return new Rules(eips, forwards, listeners);
    }

    /** What the router does besides SNAT and DNS. */
    record Rules(List<RouterSpec.ElasticIp> elasticIps, List<RouterSpec.PortForward> portForwards,
            List<RouterSpec.Listener> listeners) {
    }

    @Transactional
    Uplink uplink(String publicL3Id) {
        L3Network n = L3Network.findById(publicL3Id);
        return new Uplink(n.id, n.l2Id, n.prefixLength, n.gateway, dns(n.dnsServers));
    }

    @Transactional
    Optional<VirtualRouter> byNetwork(String l3Id) {
        return VirtualRouter.<VirtualRouter>find("l3Id", l3Id).firstResultOptional().map(this::detach);
    }

    @Transactional
    Optional<VirtualRouter> byId(String id) {
        return VirtualRouter.<VirtualRouter>findByIdOptional(id).map(this::detach);
    }

    /**
     * Records the router, with its host, before anything happens there (a crash leaves a row the reconciler finishes);
     * returns the row that exists when another creator was first.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    VirtualRouter create(String l3Id, String publicL3Id, String hostId) {
        VirtualRouter r = new VirtualRouter();
        r.id = Ids.newId();
        r.l3Id = l3Id;
        r.publicL3Id = publicL3Id;
        r.hostId = hostId;
        r.state = RouterState.Creating;
        r.createdAt = Instant.now();
        r.updatedAt = r.createdAt;
        try {
            r.persistAndFlush();
            return detach(r);
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                return null;
            }
            throw e;
        }
    }

    @Transactional
    void setPublicIp(String id, String ip) {
        VirtualRouter.update("publicIp = ?1, updatedAt = ?2 where id = ?3", ip, Instant.now(), id);
    }

    @Transactional
    void setHost(String id, String hostId) {
        VirtualRouter.update("hostId = ?1, updatedAt = ?2 where id = ?3", hostId, Instant.now(), id);
    }

    /** The outcome of an attempt; a Deleting router stays Deleting. */
    @Transactional
    void outcome(String id, String error) {
        VirtualRouter.update("state = ?1, lastError = ?2, updatedAt = ?3 where id = ?4 and state <> ?5",
                error == null ? RouterState.Running : RouterState.Error,
                error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error, Instant.now(), id,
                RouterState.Deleting);
    }

    @Transactional
    void markDeleting(String l3Id) {
        VirtualRouter.update("state = ?1, updatedAt = ?2 where l3Id = ?3", RouterState.Deleting, Instant.now(), l3Id);
    }

    /** A deleted private network's bridge still to be removed from the hosts of its clusters. */
    record Cleanup(String id, String bridge, Integer vni, List<String> clusterIds) {
    }

    /** Records, in the caller's transaction, that a segment's bridge must go from the hosts of these clusters. */
    @Transactional(Transactional.TxType.MANDATORY)
    void cleanupLater(String bridge, Integer vni, List<String> clusterIds) {
        em.createNativeQuery("INSERT INTO segment_cleanup (id, bridge_name, vni, cluster_ids, created_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5)").setParameter(1, Ids.newId()).setParameter(2, bridge)
                .setParameter(3, vni).setParameter(4, String.join(",", clusterIds)).setParameter(5, Instant.now())
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    @Transactional
    List<Cleanup> cleanups() {
        return ((List<Object[]>) em.createNativeQuery("SELECT id, bridge_name, vni, cluster_ids FROM segment_cleanup"
                + " ORDER BY created_at").getResultList()).stream()
                .map(r -> new Cleanup((String) r[0], (String) r[1], r[2] == null ? null : ((Number) r[2]).intValue(),
                        r[3] == null || ((String) r[3]).isEmpty() ? List.of() : List.of(((String) r[3]).split(","))))
                .toList();
    }

    @Transactional
    void cleaned(String id) {
        em.createNativeQuery("DELETE FROM segment_cleanup WHERE id = ?1").setParameter(1, id).executeUpdate();
    }

    @Transactional
    void delete(String id) {
        VirtualRouter.delete("id", id);
    }

    @Transactional
    List<VirtualRouter> all() {
        return VirtualRouter.<VirtualRouter>list("order by createdAt").stream().map(this::detach).toList();
    }

    /** How many routers each host runs, for placement. */
    @Transactional
    long countOn(String hostId) {
        return VirtualRouter.count("hostId", hostId);
    }

    /** The clusters an L2 network is attached to. */
    @Transactional
    List<String> clustersOf(String l2Id) {
        return L2Attachment.<L2Attachment>list("l2Id = ?1 and state = ?2", l2Id, AttachmentState.Attached).stream()
                .map(a -> a.clusterId).toList();
    }

    private VirtualRouter detach(VirtualRouter r) {
        em.detach(r);
        return r;
    }

    private static List<String> dns(String servers) {
        return servers == null ? List.of() : List.of(servers.split(","));
    }

    /**
     * Releases addresses held for elastic IPs or routers that no row holds (the address commits first: a crash or a
     * failure before the row, or before a router records its address, would keep it forever). Only those allocated
     * before {@code before}, so an allocation in flight is never taken.
     *
     * @return how many were released
     */
    @Transactional
    int releaseOrphans(Instant before) {
        jakarta.persistence.EntityManager em = IpAllocation.getEntityManager();
        int eips = em.createQuery("delete from IpAllocation a where a.ownerType = :t and a.createdAt < :b"
                + " and not exists (select e.id from ElasticIp e where e.id = a.ownerId)")
                .setParameter("t", ElasticIpService.OWNER).setParameter("b", before).executeUpdate();
        int routers = em.createQuery("delete from IpAllocation a where a.ownerType = :t and a.createdAt < :b"
                + " and not exists (select r.id from VirtualRouter r where r.id = a.ownerId and r.publicIp = a.ip)")
                .setParameter("t", RouterService.OWNER).setParameter("b", before).executeUpdate();
        int lbs = em.createQuery("delete from IpAllocation a where a.ownerType = :t and a.createdAt < :b"
                + " and not exists (select l.id from LoadBalancer l where l.id = a.ownerId and l.vip = a.ip)")
                .setParameter("t", LoadBalancerService.OWNER).setParameter("b", before).executeUpdate();
        return eips + routers + lbs;
    }
}
