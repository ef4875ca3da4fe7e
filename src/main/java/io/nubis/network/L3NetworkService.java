package io.nubis.network;

import io.nubis.platform.Text;
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
import io.nubis.platform.Page;
import io.nubis.platform.PageRequest;
import io.nubis.platform.Rows;
import io.nubis.platform.UniqueViolation;
import io.nubis.platform.Validation;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * L3 networks and their IP ranges. Admins manage them; tenants may read shared ones (another L3 network is a 404 for
 * them) and may not create any yet. Subnet and gateway never change after creation. Range changes lock the L3 network
 * row, which allocations share-lock ({@link IpamService}): a range is never removed under a running allocation.
 */
@ApplicationScoped
@Transactional
public class L3NetworkService {

    static final String TYPE = "l3-network";
    static final int MAX_DNS_SERVERS = 4;

    @Inject
    io.nubis.platform.Sql sql;

    @Inject
    AccessControl access;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;
    @Inject
    io.nubis.iam.Sharing sharing;
    @Inject
    PrivateNetworks privateNetworks;
    @Inject
    RouterStore routerStore;
    @Inject
    NetworkDeletion deletion;

    /**
     * Admins see every L3 network; tenants the shared ones, those shared with their account and their own private ones.
     * Filters: L2 network, name (substring).
     */
    /** IP addresses used and total per admin-made (Public kind) L3 network (issue 13), for the capacity dashboard. */
    public List<io.nubis.platform.CapacityRow> capacity(Caller caller) {
        access.requireAdmin(caller);
        List<io.nubis.platform.CapacityRow> rows = new ArrayList<>();
        int page = 1;
        while (true) {
            Page<L3NetworkView> p = list(caller, null, null, new PageRequest(page, PageRequest.MAX_SIZE));
            for (L3NetworkView n : p.items()) {
                if (n.kind() == L3Kind.Public) {
                    rows.add(new io.nubis.platform.CapacityRow("l3-network", n.id(), n.name(), n.zoneId(), "ips",
                            n.ipUsed(), n.ipTotal()));
                }
            }
            if ((long) page * PageRequest.MAX_SIZE >= p.total()) {
                return rows;
            }
            page++;
        }
    }

    public Page<L3NetworkView> list(Caller caller, String l2Id, String nameFilter, PageRequest pr) {
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        if (!caller.admin()) {
            java.util.Set<String> chosen = sharing.idsSharedWith(TYPE, caller.accountId());
            where.add(chosen.isEmpty()
                    ? "(shared = true or accountId = :own)"
                    : "(shared = true or accountId = :own or id in :chosen)");
            p.and("own", caller.accountId());
            if (!chosen.isEmpty()) {
                p.and("chosen", chosen);
            }
        }
        if (l2Id != null && !l2Id.isBlank()) {
            where.add("l2Id = :l2");
            p.and("l2", l2Id.trim());
        }
        if (nameFilter != null && !nameFilter.isBlank()) {
            where.add("name like :name");
            p.and("name", "%" + nameFilter.trim() + "%");
        }
        Sort sort = Sort.ascending("name").and("id");
        PanacheQuery<L3Network> q = where.isEmpty()
                ? L3Network.findAll(sort)
                : L3Network.find(String.join(" and ", where), sort, p);
        return new Page<>(views(q.page(pr.page() - 1, pr.size()).list()), pr.page(), pr.size(),
                where.isEmpty() ? L3Network.count() : L3Network.count(String.join(" and ", where), p));
    }

    public L3NetworkView get(Caller caller, String id) {
        return views(List.of(visible(caller, id))).get(0);
    }

    /**
     * The L3 network a new NIC is to be attached to, for the VM service: 404 when unknown or not visible to the caller,
     * a 400 field error on {@code l3NetworkId} when it is Disabled.
     */
    public L3NetworkRef getForUse(Caller caller, String id) {
        if (!Ids.isValid(id)) {
            throw new InvalidInputException("l3NetworkId", Text.msg(m -> m.error_id_format()));
        }
        // the network and its L2 network's zone in one plain statement, no entity: VM create asks this for every NIC
        // (issue 7)
        List<Object[]> rows = sql.flushedQuery("SELECT n.name, n.shared, n.account_id, n.state, l2.zone_id"
                + " FROM l3_network n LEFT JOIN l2_network l2 ON l2.id = n.l2_id WHERE n.id = ?", id);
        if (rows.isEmpty()) {
            throw new NotFoundException(TYPE, id);
        }
        Object[] r = rows.get(0);
        String name = (String) r[0];
        checkVisible(caller, id, io.nubis.platform.Sql.flag(r[1]), (String) r[2]);
        if (!NetworkState.Enabled.name().equals(r[3])) {
            throw new InvalidInputException("l3NetworkId",
                    Text.of(NetworkMessages.class, m -> m.error_l3_disabled(name)));
        }
        return new L3NetworkRef(id, name, (String) r[4]);
    }

    /** Ids of the clusters whose hosts can carry the L3 network: those its L2 network is Attached to. */
    public List<String> clusterIds(String l3Id) {
        // one statement, no entities: VM placement asks this on every create (after Hibernate has flushed this
        // transaction's changes)
        List<String> ids = sql.flushedColumn("SELECT a.cluster_id FROM l3_network n JOIN l2_cluster a"
                + " ON a.l2_id = n.l2_id WHERE n.id = ? AND a.state = ? ORDER BY a.cluster_id", l3Id,
                AttachmentState.Attached.name());
        if (ids.isEmpty()) {
            find(l3Id); // 404 for an unknown network; a known one is attached nowhere
        }
        return ids;
    }

    /**
     * Creates a public L3 network on an L2 network (admins), or, with {@code vniPoolId}, a private network of the
     * caller's account ({@link PrivateNetworks}: tenants too).
     */
    @Audited("l3-network.create")
    public L3NetworkView create(Caller caller, L3NetworkInput in) {
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        if (Validation.blankToNull(in.vniPoolId()) != null) {
            return views(List.of(privateNetworks.create(caller, in))).get(0);
        }
        access.requireAdmin(caller);
        v.id("l2Id", in.l2Id());
        L2Network l2 = null;
        if (!v.hasError("l2Id")) {
            L2Network found = L2Network.findById(in.l2Id());
            l2 = found != null && found.vniPoolId == null ? found : null;
            v.check(l2 != null, "l2Id", Text.of(NetworkMessages.class, m -> m.error_unknown_l2(in.l2Id())));
        }
        validateNameAndDescription(v, in.name(), in.description(), l2 == null ? null : l2.id, null);
        Cidr cidr = subnet(v, in.cidr());
        String gateway = gateway(v, in.gateway(), cidr);
        List<String> dns = dnsServers(v, in.dnsServers());
        if (cidr != null && l2 != null) {
            for (L3Network other : L3Network.<L3Network>list("l2Id", l2.id)) {
                if (other.subnet().overlaps(cidr)) {
                    v.add("cidr", Text.of(NetworkMessages.class, m -> m.error_cidr_overlaps(other.cidr, other.name)));
                    break;
                }
            }
        }
        v.throwIfAny();
        Instant now = Instant.now();
        L3Network n = new L3Network();
        n.id = Ids.newId();
        n.l2Id = l2.id;
        n.name = in.name().trim();
        n.description = Validation.blankToNull(in.description());
        n.cidr = cidr.toString();
        n.networkValue = cidr.network();
        n.prefixLength = cidr.prefixLength();
        n.gateway = gateway;
        n.dnsServers = dns.isEmpty() ? null : String.join(",", dns);
        n.shared = Boolean.TRUE.equals(in.shared());
        n.kind = L3Kind.Public;
        n.state = NetworkState.Enabled;
        n.accountId = Accounts.ADMIN_ID;
        n.createdAt = now;
        n.updatedAt = now;
        persistUnique(n);
        audit.success(caller, "l3-network.create", target(n), n.cidr + (n.shared ? ", shared" : ""));
        return views(List.of(n)).get(0);
    }

    /**
     * Changes name, description, DNS servers and the shared flag. New DNS servers reach a host's DHCP server the next
     * time its lease set is pushed ({@link NetworkProvisioner#refreshDhcp}).
     */
    @Audited("l3-network.update")
    public L3NetworkView update(Caller caller, String id, L3NetworkInput in) {
        L3Network n = changeable(caller, id);
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        validateNameAndDescription(v, in.name(), in.description(), n.l2Id, n.id);
        if (n.kind == L3Kind.Private && !v.hasError("name")) {
            L3Network other = L3Network.find("accountId = ?1 and kind = ?2 and name = ?3 and id <> ?4", n.accountId,
                    L3Kind.Private, in.name().trim(), n.id).firstResult();
            v.check(other == null, "name",
                    Text.of(NetworkMessages.class, m -> m.error_private_name_taken(in.name().trim())));
        }
        List<String> dns = dnsServers(v, in.dnsServers());
        v.throwIfAny();
        n.name = in.name().trim();
        n.description = Validation.blankToNull(in.description());
        n.dnsServers = dns.isEmpty() ? null : String.join(",", dns);
        if (in.shared() != null && n.kind == L3Kind.Public) {
            n.shared = in.shared();
        }
        n.updatedAt = Instant.now();
        persistUnique(n);
        audit.success(caller, "l3-network.update", target(n), n.shared ? "shared" : "not shared");
        return get(caller, id);
    }

    /** Disabled L3 networks keep their addresses but take no new NICs. */
    @Audited("l3-network.state")
    public L3NetworkView setEnabled(Caller caller, String id, boolean enabled) {
        access.requireAdmin(caller);
        L3Network n = find(id);
        n.state = enabled ? NetworkState.Enabled : NetworkState.Disabled;
        n.updatedAt = Instant.now();
        audit.success(caller, enabled ? "l3-network.enable" : "l3-network.disable", target(n), null);
        return get(caller, id);
    }

    /**
     * Deletes an L3 network without allocated addresses (409 naming who holds them). Elastic IPs and port forwards of a
     * private network answer 409 listing them, unless {@code cascade}: then they go with it.
     */
    @Audited("l3-network.delete")
    public void delete(Caller caller, String id, boolean cascade) {
        changeable(caller, id);
        L3Network n = lockedForChange(id);
        deletion.clearServices(caller, n, cascade);
        deletion.requireNoAddresses(n);
        IpRange.delete("l3Id", id);
        sharing.forget(TYPE, n.id);
        n.delete();
        if (n.kind == L3Kind.Private) {
            em.flush();
            routerStore.markDeleting(n.id);
            PrivateNetworks.deleteSegment(n.l2Id, routerStore);
        }
        audit.success(caller, "l3-network.delete", target(n), cascade ? n.cidr + ", cascade" : n.cidr);
    }

    public List<IpRangeView> ranges(Caller caller, String l3Id) {
        access.requireAdmin(caller);
        find(l3Id);
        List<IpRange> ranges = IpRange.list("l3Id = ?1 order by startValue", l3Id);
        return ranges.stream().map(r -> rangeView(r, usedIn(r))).toList();
    }

    /**
     * Adds a range: both ends inside the subnet, neither the network nor the broadcast address, not containing the
     * gateway, not overlapping another range of the L3 network.
     */
    @Audited("l3-network.add-range")
    public IpRangeView addRange(Caller caller, String l3Id, IpRangeInput in) {
        access.requireAdmin(caller);
        L3Network n = lockedForChange(l3Id);
        Cidr cidr = n.subnet();
        Validation v = Validation.start();
        if (in == null) {
            v.add("startIp", Text.msg(m -> m.error_required())).throwIfAny();
        }
        long start = endpoint(v, "startIp", in.startIp(), cidr);
        long end = endpoint(v, "endIp", in.endIp(), cidr);
        if (!v.hasError("startIp") && !v.hasError("endIp")) {
            v.check(start <= end, "endIp",
                    Text.of(NetworkMessages.class, m -> m.error_range_order(Ipv4.format(start))));
            if (n.gateway != null) {
                long gw = Ipv4.parse(n.gateway);
                v.check(gw < start || gw > end, "startIp",
                        Text.of(NetworkMessages.class, m -> m.error_range_contains_gateway(n.gateway)));
            }
            if (start <= end) {
                IpRange other = IpRange.<IpRange>find("l3Id = ?1 and startValue <= ?2 and endValue >= ?3", l3Id, end,
                        start).firstResult();
                v.check(other == null, "startIp",
                        Text.of(NetworkMessages.class, m -> m.error_range_overlaps(other == null ? "" : other.startIp,
                                other == null ? "" : other.endIp)));
            }
        }
        v.throwIfAny();
        IpRange r = new IpRange();
        r.id = Ids.newId();
        r.l3Id = l3Id;
        r.startIp = Ipv4.format(start);
        r.endIp = Ipv4.format(end);
        r.startValue = start;
        r.endValue = end;
        r.createdAt = Instant.now();
        r.persist();
        audit.success(caller, "l3-network.add-range", target(n), r.startIp + " - " + r.endIp);
        return rangeView(r, 0);
    }

    /** Removes a range none of whose addresses is allocated (409 otherwise). */
    @Audited("l3-network.remove-range")
    public void removeRange(Caller caller, String l3Id, String rangeId) {
        access.requireAdmin(caller);
        L3Network n = lockedForChange(l3Id);
        IpRange r = rangeId == null ? null : IpRange.findById(rangeId);
        if (r == null || !r.l3Id.equals(l3Id)) {
            throw new NotFoundException("ip-range", rangeId);
        }
        long used = usedIn(r);
        if (used > 0) {
            throw new ConflictException(
                    Text.of(NetworkMessages.class, m -> m.error_range_in_use(r.startIp, r.endIp, used)));
        }
        r.delete();
        audit.success(caller, "l3-network.remove-range", target(n), r.startIp + " - " + r.endIp);
    }

    /** The allocated addresses of an L3 network, by address. Admin-only. */
    public Page<IpAllocationView> allocations(Caller caller, String l3Id, PageRequest pr) {
        access.requireAdmin(caller);
        find(l3Id);
        PanacheQuery<IpAllocation> q = IpAllocation.find("l3Id", Sort.ascending("ipValue"), l3Id);
        return new Page<>(q.page(pr.page() - 1, pr.size()).list().stream().map(IpAllocationView::of).toList(),
                pr.page(), pr.size(), IpAllocation.count("l3Id", l3Id));
    }

    L3Network find(String id) {
        L3Network n = id == null ? null : L3Network.findById(id);
        if (n == null) {
            throw new NotFoundException(TYPE, id);
        }
        return n;
    }

    /** Admins change every L3 network; a tenant only its own private ones (others: 404 when invisible, else 403). */
    private L3Network changeable(Caller caller, String id) {
        L3Network n = visible(caller, id);
        if (n.kind != L3Kind.Private) {
            access.requireAdmin(caller);
        }
        return n;
    }

    private L3Network visible(Caller caller, String id) {
        return visible(caller, find(id));
    }

    private L3Network visible(Caller caller, L3Network n) {
        checkVisible(caller, n.id, n.shared, n.accountId);
        return n;
    }

    /** Admins see every network; others their own, the shared ones and those shared with their account. */
    private void checkVisible(Caller caller, String id, boolean shared, String accountId) {
        if (!caller.admin() && !shared && !sharing.sharedWith(TYPE, id, caller.accountId())) {
            access.requireAccess(caller, TYPE, id, accountId);
        }
    }

    /**
     * The L3 network row, locked until the transaction ends: allocations wait (see the class comment). Plain SQL
     * because Hibernate's MySQL dialect writes {@code FOR UPDATE OF}, which MariaDB lacks.
     */
    private L3Network lockedForChange(String id) {
        List<?> locked = id == null
                ? List.of()
                : em.createNativeQuery("SELECT id FROM l3_network WHERE id = :id FOR UPDATE").setParameter("id", id)
                        .getResultList();
        if (locked.isEmpty()) {
            throw new NotFoundException(TYPE, id);
        }
        return find(id);
    }

    private long usedIn(IpRange r) {
        return Rows.count(IpAllocation.class, "l3Id = ?1 and ipValue between ?2 and ?3", r.l3Id, r.startValue,
                r.endValue);
    }

    private static long endpoint(Validation v, String field, String value, Cidr cidr) {
        v.required(field, value);
        if (v.hasError(field)) {
            return -1;
        }
        String ip = value.trim();
        if (!Ipv4.isValid(ip)) {
            v.add(field, Text.of(NetworkMessages.class, m -> m.error_ipv4_format()));
            return -1;
        }
        long x = Ipv4.parse(ip);
        if (!cidr.contains(x)) {
            v.add(field, Text.of(NetworkMessages.class, m -> m.error_ip_outside_cidr(cidr.toString())));
        } else if (!cidr.isHostAddress(x)) {
            v.add(field, Text.of(NetworkMessages.class, m -> m.error_ip_network_or_broadcast()));
        }
        return x;
    }

    /** The subnet of {@code cidr}, or null with a field error on {@code cidr}. */
    static Cidr subnet(Validation v, String text) {
        v.required("cidr", text);
        if (v.hasError("cidr")) {
            return null;
        }
        Cidr.Problem problem = Cidr.problem(text.trim());
        if (problem == null) {
            return Cidr.parse(text.trim());
        }
        switch (problem) {
            case FORMAT -> v.add("cidr", Text.of(NetworkMessages.class, m -> m.error_cidr_format()));
            case PREFIX -> v.add("cidr",
                    Text.of(NetworkMessages.class, m -> m.error_cidr_prefix(Cidr.MIN_PREFIX, Cidr.MAX_PREFIX)));
            case HOST_BITS -> v.add("cidr", Text.of(NetworkMessages.class, m -> m.error_cidr_host_bits()));
        }
        return null;
    }

    /** The gateway (null when none is given), checked to be a host address of the subnet (when there is one). */
    static String gateway(Validation v, String text, Cidr cidr) {
        String gateway = Validation.blankToNull(text);
        if (gateway != null) {
            if (!Ipv4.isValid(gateway)) {
                v.add("gateway", Text.of(NetworkMessages.class, m -> m.error_ipv4_format()));
            } else if (cidr != null) {
                String range = cidr.toString();
                v.check(cidr.isHostAddress(Ipv4.parse(gateway)), "gateway",
                        Text.of(NetworkMessages.class, m -> m.error_gateway_outside(range)));
            }
        }
        return gateway;
    }

    static List<String> dnsServers(Validation v, String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> out = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String s : out) {
            if (!Ipv4.isValid(s)) {
                v.add("dnsServers", Text.of(NetworkMessages.class, m -> m.error_dns_format(s)));
                return List.of();
            }
        }
        v.check(out.size() <= MAX_DNS_SERVERS, "dnsServers",
                Text.of(NetworkMessages.class, m -> m.error_dns_too_many(MAX_DNS_SERVERS)));
        return out;
    }

    private void validateNameAndDescription(Validation v, String name, String description, String l2Id,
            String selfId) {
        v.name("name", name).maxLength("description", description, Validation.MAX_DESCRIPTION);
        if (!v.hasError("name") && l2Id != null) {
            L3Network other = L3Network.find("l2Id = ?1 and name = ?2", l2Id, name.trim()).firstResult();
            v.check(other == null || other.id.equals(selfId), "name",
                    Text.of(NetworkMessages.class, m -> m.error_name_taken_in_l2(name.trim())));
        }
    }

    private void persistUnique(L3Network n) {
        try {
            n.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new InvalidInputException("name",
                        Text.of(NetworkMessages.class, m -> m.error_name_taken_in_l2(n.name)));
            }
            throw e;
        }
    }

    static AuditTarget target(L3Network n) {
        return AuditTarget.of(TYPE, n.id, n.name, n.accountId);
    }

    private static IpRangeView rangeView(IpRange r, long used) {
        return new IpRangeView(r.id, r.l3Id, r.startIp, r.endIp, r.size(), used, r.createdAt);
    }

    private List<L3NetworkView> views(List<L3Network> networks) {
        if (networks.isEmpty()) {
            return List.of();
        }
        Set<String> ids = networks.stream().map(n -> n.id).collect(Collectors.toSet());
        Set<String> l2Ids = networks.stream().map(n -> n.l2Id).collect(Collectors.toSet());
        Map<String, L2Network> l2s = Rows.byId(L2Network.class, l2Ids);
        Map<String, Long> total = new HashMap<>();
        for (Object[] r : em.createQuery("select r.l3Id, sum(r.endValue - r.startValue + 1) from IpRange r"
                + " where r.l3Id in :ids group by r.l3Id", Object[].class).setParameter("ids", ids).getResultList()) {
            total.put((String) r[0], ((Number) r[1]).longValue());
        }
        Map<String, Long> used = new HashMap<>();
        for (Object[] r : em.createQuery("select a.l3Id, count(a) from IpAllocation a where a.l3Id in :ids"
                + " group by a.l3Id", Object[].class).setParameter("ids", ids).getResultList()) {
            used.put((String) r[0], ((Number) r[1]).longValue());
        }
        return networks.stream().map(n -> {
            L2Network l2 = l2s.get(n.l2Id);
            List<String> dns = n.dnsServers == null ? List.of() : List.of(n.dnsServers.split(","));
            return new L3NetworkView(n.id, n.l2Id, l2 == null ? null : l2.name, l2 == null ? null : l2.zoneId, n.name,
                    n.description, n.cidr, n.subnet().netmask(), n.gateway, dns, n.shared, n.state,
                    total.getOrDefault(n.id, 0L), used.getOrDefault(n.id, 0L), n.createdAt, n.updatedAt, n.kind,
                    n.accountId, l2 == null ? null : l2.vni, l2 == null ? null : l2.vniPoolId);
        }).toList();
    }

    /** Names by id, for views of other features' rows (a VM's offering, image, networks); unknown ids are left out. */
    @jakarta.transaction.Transactional
    public java.util.Map<String, String> names(java.util.Collection<String> ids) {
        return io.nubis.platform.Rows.valueById(L3Network.class, ids, r -> r.name);
    }
}
