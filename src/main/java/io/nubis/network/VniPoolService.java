package io.nubis.network;

import io.nubis.compute.ComputeMessages;
import io.nubis.compute.Topology;
import io.nubis.compute.ZoneDeletion;
import io.nubis.driver.BridgeSpec;
import io.nubis.iam.AccessControl;
import io.nubis.iam.Accounts;
import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Audited;
import io.nubis.iam.Caller;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Rows;
import io.nubis.platform.Text;
import io.nubis.platform.UniqueViolation;
import io.nubis.platform.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * VNI pools: admins define them (a range of VNIs in a zone) and the clusters their networks reach; every tenant may
 * list them to pick one for a private network ({@link PrivateNetworks}). A pool's range and zone never change; a pool
 * with private networks is neither deleted nor detached from a cluster (409).
 */
@ApplicationScoped
@Transactional
public class VniPoolService {

    static final String TYPE = "vni-pool";

    @Inject
    AccessControl access;
    @Inject
    AuditLog audit;
    @Inject
    Topology topology;
    @Inject
    EntityManager em;

    /** Every pool, by zone and name (tenants too: they choose one for a private network). */
    public List<VniPoolView> list(Caller caller, String zoneId) {
        List<VniPool> pools = zoneId == null || zoneId.isBlank()
                ? VniPool.list("order by name, id")
                : VniPool.list("zoneId = ?1 order by name, id", zoneId.trim());
        return views(pools);
    }

    public VniPoolView get(Caller caller, String id) {
        return views(List.of(find(id))).get(0);
    }

    @Audited("vni-pool.create")
    public VniPoolView create(Caller caller, VniPoolInput in) {
        access.requireAdmin(caller);
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        Topology.ZoneRef zone = ZoneField.check(v, topology, in.zoneId());
        validateName(v, in.name(), in.description(), zone == null ? null : zone.id(), null);
        String publicL3 = publicNetwork(v, in.publicL3Id(), zone == null ? null : zone.id());
        v.required("vniStart", in.vniStart()).required("vniEnd", in.vniEnd());
        Text range = Text.of(NetworkMessages.class, m -> m.error_vni_range(1, BridgeSpec.MAX_VNI));
        v.check(in.vniStart() == null || (in.vniStart() >= 1 && in.vniStart() <= BridgeSpec.MAX_VNI), "vniStart",
                range);
        v.check(in.vniEnd() == null || (in.vniEnd() >= 1 && in.vniEnd() <= BridgeSpec.MAX_VNI), "vniEnd", range);
        if (!v.hasError("vniStart") && !v.hasError("vniEnd")) {
            v.check(in.vniEnd() >= in.vniStart(), "vniEnd",
                    Text.of(NetworkMessages.class, m -> m.error_vni_pool_order(in.vniStart())));
        }
        if (zone != null && !v.hasError("vniStart") && !v.hasError("vniEnd")) {
            // the zone's row serialises pool creation in the zone, so two overlapping pools cannot both pass
            topology.lockZone(zone.id());
            VniPool other = VniPool.<VniPool>find("zoneId = ?1 and vniStart <= ?2 and vniEnd >= ?3", zone.id(),
                    in.vniEnd(), in.vniStart()).firstResult();
            v.check(other == null, "vniStart", Text.of(NetworkMessages.class, m -> m.error_vni_pool_overlaps(
                    other == null ? "" : other.name, other == null ? 0 : other.vniStart,
                    other == null ? 0 : other.vniEnd)));
        }
        v.throwIfAny();
        Instant now = Instant.now();
        VniPool p = new VniPool();
        p.id = Ids.newId();
        p.zoneId = zone.id();
        p.name = in.name().trim();
        p.description = Validation.blankToNull(in.description());
        p.vniStart = in.vniStart();
        p.vniEnd = in.vniEnd();
        p.publicL3Id = publicL3;
        p.createdAt = now;
        p.updatedAt = now;
        persistUnique(p);
        audit.success(caller, "vni-pool.create", target(p), p.vniStart + "-" + p.vniEnd);
        return get(caller, p.id);
    }

    @Audited("vni-pool.update")
    public VniPoolView update(Caller caller, String id, VniPoolInput in) {
        access.requireAdmin(caller);
        VniPool p = find(id);
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        validateName(v, in.name(), in.description(), p.zoneId, p.id);
        String publicL3 = publicNetwork(v, in.publicL3Id(), p.zoneId);
        v.throwIfAny();
        p.name = in.name().trim();
        p.description = Validation.blankToNull(in.description());
        p.publicL3Id = publicL3;
        p.updatedAt = Instant.now();
        persistUnique(p);
        audit.success(caller, "vni-pool.update", target(p), null);
        return get(caller, id);
    }

    /** Deletes a pool without private networks (409 otherwise). */
    @Audited("vni-pool.delete")
    public void delete(Caller caller, String id) {
        access.requireAdmin(caller);
        VniPool p = locked(id);
        requireUnused(p);
        p.delete();
        audit.success(caller, "vni-pool.delete", target(p), null);
    }

    /** Lets the pool's networks reach one more cluster of its zone: its existing networks are attached there too. */
    @Audited("vni-pool.add-cluster")
    public VniPoolView addCluster(Caller caller, String id, String clusterId) {
        access.requireAdmin(caller);
        VniPool p = locked(id);
        Topology.ClusterRef c = clusterOfZone(p, clusterId);
        if (clusterIds(p.id).contains(c.id())) {
            throw new ConflictException(
                    Text.of(NetworkMessages.class, m -> m.error_vni_pool_cluster_taken(p.name, c.name())));
        }
        em.createNativeQuery("INSERT INTO vni_pool_cluster (pool_id, cluster_id, created_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, p.id).setParameter(2, c.id()).setParameter(3, Instant.now()).executeUpdate();
        for (L2Network l2 : L2Network.<L2Network>list("vniPoolId", p.id)) {
            PrivateNetworks.attach(l2.id, c.id());
        }
        audit.success(caller, "vni-pool.add-cluster", target(p), "cluster " + c.name());
        return get(caller, id);
    }

    /** The pool's networks no longer reach the cluster; refused (409) while the pool has private networks. */
    @Audited("vni-pool.remove-cluster")
    public VniPoolView removeCluster(Caller caller, String id, String clusterId) {
        access.requireAdmin(caller);
        VniPool p = locked(id);
        Topology.ClusterRef c = clusterOfZone(p, clusterId);
        if (!clusterIds(p.id).contains(c.id())) {
            throw new ConflictException(
                    Text.of(NetworkMessages.class, m -> m.error_vni_pool_cluster_absent(p.name, c.name())));
        }
        requireUnused(p);
        em.createNativeQuery("DELETE FROM vni_pool_cluster WHERE pool_id = ?1 AND cluster_id = ?2")
                .setParameter(1, p.id).setParameter(2, c.id()).executeUpdate();
        audit.success(caller, "vni-pool.remove-cluster", target(p), "cluster " + c.name());
        return get(caller, id);
    }

    /** Refuses to delete a zone that still holds VNI pools (observer of compute's {@link ZoneDeletion}). */
    void onZoneDeletion(@Observes ZoneDeletion deletion) {
        long count = Rows.count(VniPool.class, "zoneId = ?1", deletion.zoneId());
        if (count > 0) {
            throw new ConflictException(
                    Text.of(NetworkMessages.class, m -> m.error_zone_has_vni_pools(deletion.zoneName(), count)));
        }
    }

    /** The clusters a pool's networks reach, by id. */
    @SuppressWarnings("unchecked")
    List<String> clusterIds(String poolId) {
        return ((List<Object>) em.createNativeQuery("SELECT cluster_id FROM vni_pool_cluster WHERE pool_id = ?1"
                + " ORDER BY cluster_id").setParameter(1, poolId).getResultList()).stream().map(String::valueOf)
                .toList();
    }

    VniPool find(String id) {
        VniPool p = id == null ? null : VniPool.findById(id);
        if (p == null) {
            throw new NotFoundException(TYPE, id);
        }
        return p;
    }

    /** The pool, its row locked until the transaction ends: VNI draws and cluster changes of a pool serialise. */
    VniPool locked(String id) {
        List<?> rows = id == null || !Ids.isValid(id)
                ? List.of()
                : em.createNativeQuery("SELECT id FROM vni_pool WHERE id = :id FOR UPDATE").setParameter("id", id)
                        .getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException(TYPE, id);
        }
        return find(id);
    }

    private void requireUnused(VniPool p) {
        long used = Rows.count(L2Network.class, "vniPoolId = ?1", p.id);
        if (used > 0) {
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_vni_pool_in_use(p.name, used)));
        }
    }

    private Topology.ClusterRef clusterOfZone(VniPool p, String clusterId) {
        Validation v = Validation.start().id("clusterId", clusterId);
        v.throwIfAny();
        Topology.ClusterRef c = topology.cluster(clusterId).orElse(null);
        v.check(c != null, "clusterId", Text.of(ComputeMessages.class, m -> m.error_unknown_cluster(clusterId)));
        v.check(c == null || c.zoneId().equals(p.zoneId), "clusterId",
                Text.of(NetworkMessages.class, m -> m.error_cluster_other_zone(c == null ? "" : c.name())));
        v.throwIfAny();
        return c;
    }

    /**
     * The public network of a pool: blank for none, else a public L3 network of the pool's zone (routers of networks
     * that exist keep the one they got; new routers use the new one).
     */
    private static String publicNetwork(Validation v, String id, String zoneId) {
        String given = Validation.blankToNull(id);
        if (given == null) {
            return null;
        }
        v.id("publicL3Id", given);
        if (v.hasError("publicL3Id")) {
            return null;
        }
        L3Network n = L3Network.findById(given);
        L2Network l2 = n == null ? null : L2Network.findById(n.l2Id);
        v.check(n != null && n.kind == L3Kind.Public && l2 != null && (zoneId == null || l2.zoneId.equals(zoneId)),
                "publicL3Id", Text.of(NetworkMessages.class, m -> m.error_public_network(given)));
        return given;
    }

    private void validateName(Validation v, String name, String description, String zoneId, String selfId) {
        v.name("name", name).maxLength("description", description, Validation.MAX_DESCRIPTION);
        if (!v.hasError("name") && zoneId != null) {
            VniPool other = VniPool.find("zoneId = ?1 and name = ?2", zoneId, name.trim()).firstResult();
            v.check(other == null || other.id.equals(selfId), "name",
                    Text.msg(m -> m.error_name_taken_in_zone(name.trim())));
        }
    }

    private void persistUnique(VniPool p) {
        try {
            p.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new InvalidInputException("name", Text.msg(m -> m.error_name_taken_in_zone(p.name)));
            }
            throw e;
        }
    }

    static AuditTarget target(VniPool p) {
        return AuditTarget.of(TYPE, p.id, p.name, Accounts.ADMIN_ID);
    }

    private List<VniPoolView> views(List<VniPool> pools) {
        if (pools.isEmpty()) {
            return List.of();
        }
        Set<String> ids = pools.stream().map(p -> p.id).collect(Collectors.toSet());
        Map<String, String> zones = topology.zoneNames(pools.stream().map(p -> p.zoneId).collect(Collectors.toSet()));
        Map<String, List<String>> clusters = new HashMap<>();
        for (Object[] r : rows("SELECT pool_id, cluster_id FROM vni_pool_cluster WHERE pool_id IN (:p)", ids)) {
            clusters.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        Map<String, String> names = topology
                .clusterNames(clusters.values().stream().flatMap(List::stream).collect(Collectors.toSet()));
        Map<String, String> publicNames = Rows.valueById(L3Network.class,
                pools.stream().map(p -> p.publicL3Id).filter(java.util.Objects::nonNull).collect(Collectors.toSet()),
                n -> n.name);
        Map<String, Long> used = new HashMap<>();
        for (Object[] r : em.createQuery("select l.vniPoolId, count(l) from L2Network l where l.vniPoolId in :ids"
                + " group by l.vniPoolId", Object[].class).setParameter("ids", ids).getResultList()) {
            used.put((String) r[0], (Long) r[1]);
        }
        return pools.stream().map(p -> new VniPoolView(p.id, p.zoneId, zones.get(p.zoneId), p.name, p.description,
                p.vniStart, p.vniEnd, (long) p.vniEnd - p.vniStart + 1, used.getOrDefault(p.id, 0L),
                clusters.getOrDefault(p.id, List.of()).stream()
                        .map(c -> new VniPoolView.ClusterLine(c, names.getOrDefault(c, c)))
                        .sorted(java.util.Comparator.comparing(VniPoolView.ClusterLine::clusterName)).toList(),
                p.publicL3Id, p.publicL3Id == null ? null : publicNames.get(p.publicL3Id), p.createdAt, p.updatedAt))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object param) {
        return em.createNativeQuery(sql).setParameter("p", param).getResultList();
    }
}
