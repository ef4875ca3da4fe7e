package io.nubis.network;

import io.nubis.iam.AuditLog;
import io.nubis.iam.Caller;
import io.nubis.iam.QuotaKind;
import io.nubis.iam.QuotaService;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Tenants' private networks (issue 10): an L3 network of the caller's account on a VXLAN L2 network of its own, whose
 * VNI is the lowest free one of the chosen pool and which is attached to the pool's clusters at once (their hosts get
 * the bridge when a VM needs it). One transaction: the pool row is locked while the VNI is drawn, so two networks never
 * get the same VNI (the zone's unique key on VNIs would refuse it anyway). Its addresses: every host address of the
 * subnet except the gateway (the first one unless given). Subnets of one account's private networks do not overlap;
 * names are unique among them. Counted by the {@link QuotaKind#PRIVATE_NETWORKS} quota.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class PrivateNetworks {

    @Inject
    VniPoolService pools;
    @Inject
    QuotaService quotas;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;

    L3Network create(Caller caller, L3NetworkInput in) {
        Validation v = Validation.start();
        v.id("vniPoolId", in.vniPoolId());
        v.check(Validation.blankToNull(in.l2Id()) == null, "l2Id",
                Text.of(NetworkMessages.class, m -> m.error_private_no_l2()));
        VniPool pool = null;
        if (!v.hasError("vniPoolId")) {
            pool = VniPool.findById(in.vniPoolId());
            v.check(pool != null, "vniPoolId",
                    Text.of(NetworkMessages.class, m -> m.error_unknown_vni_pool(in.vniPoolId())));
        }
        v.name("name", in.name()).maxLength("description", in.description(), Validation.MAX_DESCRIPTION);
        String account = caller.accountId();
        if (!v.hasError("name")) {
            L3Network other = L3Network.find("accountId = ?1 and kind = ?2 and name = ?3", account, L3Kind.Private,
                    in.name().trim()).firstResult();
            v.check(other == null, "name",
                    Text.of(NetworkMessages.class, m -> m.error_private_name_taken(in.name().trim())));
        }
        Cidr cidr = L3NetworkService.subnet(v, in.cidr());
        String gateway = L3NetworkService.gateway(v, in.gateway(), cidr);
        List<String> dns = L3NetworkService.dnsServers(v, in.dnsServers());
        if (cidr != null) {
            for (L3Network other : L3Network.<L3Network>list("accountId = ?1 and kind = ?2", account,
                    L3Kind.Private)) {
                if (other.subnet().overlaps(cidr)) {
                    v.add("cidr", Text.of(NetworkMessages.class, m -> m.error_cidr_overlaps(other.cidr, other.name)));
                    break;
                }
            }
        }
        v.throwIfAny();
        quotas.require(account, Map.of(QuotaKind.PRIVATE_NETWORKS, 1L));
        VniPool locked = pools.locked(pool.id);
        List<String> clusters = pools.clusterIds(locked.id);
        if (clusters.isEmpty()) {
            throw new InvalidInputException("vniPoolId",
                    Text.of(NetworkMessages.class, m -> m.error_vni_pool_no_clusters(locked.name)));
        }
        int vni = freeVni(locked);
        Instant now = Instant.now();
        String l3Id = Ids.newId();
        L2Network l2 = new L2Network();
        l2.id = Ids.newId();
        l2.zoneId = locked.zoneId;
        l2.name = "private-" + l3Id;
        l2.description = null;
        l2.type = L2Type.Vxlan;
        l2.vni = vni;
        l2.vniPoolId = locked.id;
        l2.bridgeName = L2NetworkService.defaultBridgeName(l2.id);
        l2.accountId = account;
        l2.createdAt = now;
        l2.updatedAt = now;
        l2.persist();
        for (String cluster : clusters) {
            attach(l2.id, cluster);
        }
        L3Network n = new L3Network();
        n.id = l3Id;
        n.l2Id = l2.id;
        n.name = in.name().trim();
        n.description = Validation.blankToNull(in.description());
        n.cidr = cidr.toString();
        n.networkValue = cidr.network();
        n.prefixLength = cidr.prefixLength();
        long first = cidr.network() + 1;
        long last = cidr.broadcast() - 1;
        n.gateway = gateway == null ? Ipv4.format(first) : gateway;
        n.dnsServers = dns.isEmpty() ? null : String.join(",", dns);
        n.shared = false;
        n.kind = L3Kind.Private;
        n.state = NetworkState.Enabled;
        n.accountId = account;
        n.createdAt = now;
        n.updatedAt = now;
        n.persist();
        long gw = Ipv4.parse(n.gateway);
        range(n, first, gw - 1);
        range(n, gw + 1, last);
        em.flush();
        audit.success(caller, "l3-network.create", L3NetworkService.target(n),
                n.cidr + ", private, VNI " + vni + " of pool " + locked.name);
        return n;
    }

    /**
     * Removes the private network's own L2 network (with its attachments) once the L3 network is gone, and records its
     * bridge for removal from the hosts of its clusters ({@link RouterReconciler}).
     */
    static void deleteSegment(String l2Id, RouterStore routers) {
        L2Network l2 = L2Network.findById(l2Id);
        if (l2 != null && l2.vniPoolId != null && L3Network.count("l2Id", l2Id) == 0) {
            List<String> clusters = L2Attachment.<L2Attachment>list("l2Id", l2Id).stream().map(a -> a.clusterId)
                    .toList();
            routers.cleanupLater(l2.bridgeName, l2.vni, clusters);
            L2Attachment.delete("l2Id", l2Id);
            l2.delete();
        }
    }

    /** Attaches a pool-drawn L2 network to a cluster at once: bridges are made when VMs need them. */
    static void attach(String l2Id, String clusterId) {
        L2Attachment a = new L2Attachment();
        a.id = Ids.newId();
        a.l2Id = l2Id;
        a.clusterId = clusterId;
        a.state = AttachmentState.Attached;
        a.createdAt = Instant.now();
        a.persist();
    }

    /** The lowest VNI of the pool no L2 network of the zone uses (the pool row is locked by the caller). */
    private int freeVni(VniPool pool) {
        @SuppressWarnings("unchecked")
        List<Number> used = em.createNativeQuery("SELECT vni FROM l2_network WHERE zone_id = ?1 AND vni BETWEEN ?2"
                + " AND ?3 ORDER BY vni").setParameter(1, pool.zoneId).setParameter(2, pool.vniStart)
                .setParameter(3, pool.vniEnd).getResultList();
        long candidate = pool.vniStart;
        for (Number u : used) {
            if (u.longValue() > candidate) {
                break;
            }
            candidate = u.longValue() + 1;
        }
        if (candidate > pool.vniEnd) {
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_vni_pool_exhausted(pool.name)));
        }
        return (int) candidate;
    }

    private static void range(L3Network n, long start, long end) {
        if (start > end) {
            return;
        }
        IpRange r = new IpRange();
        r.id = Ids.newId();
        r.l3Id = n.id;
        r.startIp = Ipv4.format(start);
        r.endIp = Ipv4.format(end);
        r.startValue = start;
        r.endValue = end;
        r.createdAt = Instant.now();
        r.persist();
    }
}
