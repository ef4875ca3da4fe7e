package io.nubis.network;

import io.nubis.platform.Text;
import io.nubis.compute.ComputeMessages;
import io.nubis.compute.Topology;
import io.nubis.compute.HostAccess;
import io.nubis.compute.ZoneDeletion;
import io.nubis.compute.ZoneState;
import io.nubis.driver.BridgeSpec;
import io.nubis.iam.AccessControl;
import io.nubis.iam.Accounts;
import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Audited;
import io.nubis.iam.Caller;
import io.nubis.job.Accepted;
import io.nubis.job.JobRequest;
import io.nubis.job.JobService;
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
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * L2 networks: admin-only. Creating, renaming and deleting one only changes Nubis' rows; attaching one to a cluster is
 * an {@code l2.attach} job that creates the bridge on the cluster's Connected hosts (hosts connected later get it when
 * a VM needs it, see {@link NetworkProvisioner}). Detaching changes nothing on hosts: Nubis never deletes bridges.
 */
@ApplicationScoped
@Transactional
public class L2NetworkService {

    static final String TYPE = "l2-network";
    /** Linux interface names: at most 15 characters. */
    public static final Pattern PHYSICAL_INTERFACE = Pattern.compile("^[a-zA-Z0-9._-]{1,15}$");
    public static final Pattern BRIDGE_NAME = Pattern.compile("^[a-z][a-z0-9_-]{0,14}$");
    static final int MIN_VLAN = 1;
    static final int MAX_VLAN = 4094;

    @Inject
    AccessControl access;
    @Inject
    AuditLog audit;
    @Inject
    JobService jobs;
    @Inject
    EntityManager em;
    @Inject
    Topology topology;
    @Inject
    HostAccess hostAccess;

    public Page<L2NetworkView> list(Caller caller, String zoneId, String nameFilter, PageRequest pr) {
        access.requireAdmin(caller);
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        if (zoneId != null && !zoneId.isBlank()) {
            where.add("zoneId = :zone");
            p.and("zone", zoneId.trim());
        }
        if (nameFilter != null && !nameFilter.isBlank()) {
            where.add("name like :name");
            p.and("name", "%" + nameFilter.trim() + "%");
        }
        Sort sort = Sort.ascending("name").and("id");
        PanacheQuery<L2Network> q = where.isEmpty()
                ? L2Network.findAll(sort)
                : L2Network.find(String.join(" and ", where), sort, p);
        return new Page<>(views(q.page(pr.page() - 1, pr.size()).list()), pr.page(), pr.size(),
                where.isEmpty() ? L2Network.count() : L2Network.count(String.join(" and ", where), p));
    }

    /** Every L2 network, by name (for select boxes). */
    public List<L2NetworkView> all(Caller caller) {
        return list(caller, null, null, new PageRequest(1, PageRequest.MAX_SIZE)).items();
    }

    public L2NetworkView get(Caller caller, String id) {
        access.requireAdmin(caller);
        return views(List.of(find(id))).get(0);
    }

    @Audited("l2-network.create")
    public L2NetworkView create(Caller caller, L2NetworkInput in) {
        access.requireAdmin(caller);
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        Topology.ZoneRef zone = ZoneField.check(v, topology, in.zoneId());
        validateNameAndDescription(v, in.name(), in.description(), zone == null ? null : zone.id(), null);
        L2Type type = L2Type.NoVlan;
        if (in.type() != null && !in.type().isBlank()) {
            type = Arrays.stream(L2Type.values()).filter(t -> t.name().equalsIgnoreCase(in.type().trim())).findFirst()
                    .orElse(null);
            v.check(type != null, "type", Text.msg(m -> m
                    .error_enum(Arrays.stream(L2Type.values()).map(Enum::name).collect(Collectors.joining(", ")))));
        }
        String uplink = Validation.blankToNull(in.physicalInterface());
        v.check(uplink == null || (PHYSICAL_INTERFACE.matcher(uplink).matches() && !uplink.equals(".")
                && !uplink.equals("..")), "physicalInterface",
                Text.of(NetworkMessages.class, m -> m.error_interface_format()));
        validateSegment(v, type, uplink, in.vlanId(), in.vni());
        String id = Ids.newId();
        String givenBridge = Validation.blankToNull(in.bridgeName());
        v.check(givenBridge == null || BRIDGE_NAME.matcher(givenBridge).matches(), "bridgeName",
                Text.of(NetworkMessages.class, m -> m.error_bridge_format()));
        String bridge = givenBridge == null ? defaultBridgeName(id) : givenBridge;
        v.check(uplink == null || !uplink.equals(bridge), "physicalInterface",
                Text.of(NetworkMessages.class, m -> m.error_interface_is_bridge()));
        if (zone != null) {
            validateUnique(v, zone.id(), type, uplink, in.vlanId(), in.vni());
            if (!v.hasError("bridgeName")) {
                L2Network other = L2Network.find("zoneId = ?1 and bridgeName = ?2", zone.id(), bridge).firstResult();
                v.check(other == null, "bridgeName", Text.of(NetworkMessages.class,
                        m -> m.error_bridge_taken(bridge, other == null ? "" : other.name)));
            }
        }
        v.throwIfAny();
        Instant now = Instant.now();
        L2Network n = new L2Network();
        n.id = id;
        n.zoneId = zone.id();
        n.name = in.name().trim();
        n.description = Validation.blankToNull(in.description());
        n.type = type;
        n.physicalInterface = uplink;
        n.vlanId = type == L2Type.Vlan ? in.vlanId() : null;
        n.vni = type == L2Type.Vxlan ? in.vni() : null;
        n.bridgeName = bridge;
        n.accountId = Accounts.ADMIN_ID;
        n.createdAt = now;
        n.updatedAt = now;
        persistUnique(n);
        audit.success(caller, "l2-network.create", target(n), "bridge " + n.bridgeName
                + (uplink == null ? "" : " uplink " + uplink) + (n.vlanId == null ? "" : " VLAN " + n.vlanId)
                + (n.vni == null ? "" : " VNI " + n.vni));
        return views(List.of(n)).get(0);
    }

    /** Renames or re-describes an L2 network; its bridge and uplink stay as they are. */
    @Audited("l2-network.update")
    public L2NetworkView update(Caller caller, String id, L2NetworkInput in) {
        access.requireAdmin(caller);
        L2Network n = find(id);
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        validateNameAndDescription(v, in.name(), in.description(), n.zoneId, n.id);
        v.throwIfAny();
        n.name = in.name().trim();
        n.description = Validation.blankToNull(in.description());
        n.updatedAt = Instant.now();
        persistUnique(n);
        audit.success(caller, "l2-network.update", target(n), null);
        return get(caller, id);
    }

    /** Deletes an L2 network without L3 networks (409 otherwise); its attachments go with it, bridges stay. */
    @Audited("l2-network.delete")
    public void delete(Caller caller, String id) {
        access.requireAdmin(caller);
        L2Network n = find(id);
        long l3 = Rows.count(L3Network.class, "l2Id = ?1", id);
        if (l3 > 0) {
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_l2_has_l3(n.name, l3)));
        }
        if (Rows.count(L2Attachment.class, "l2Id = ?1 and state = ?2", id, AttachmentState.Attaching) > 0) {
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_l2_attaching(n.name)));
        }
        L2Attachment.delete("l2Id", id);
        n.delete();
        audit.success(caller, "l2-network.delete", target(n), null);
    }

    /**
     * Attaches the L2 network to a cluster of its zone: writes the attachment as Attaching and starts an
     * {@code l2.attach} job that creates the bridge on the cluster's Connected hosts.
     */
    @Audited("l2-network.attach")
    public Accepted<L2NetworkView> attach(Caller caller, String id, String clusterId) {
        access.requireAdmin(caller);
        L2Network n = find(id);
        Topology.ClusterRef cluster = clusterOfZone(n, clusterId);
        if (Rows.count(L2Attachment.class, "l2Id = ?1 and clusterId = ?2", id, cluster.id()) > 0) {
            throw new ConflictException(
                    Text.of(NetworkMessages.class, m -> m.error_l2_already_attached(n.name, cluster.name())));
        }
        if (n.type == L2Type.Vlan) {
            List<String> without = hostAccess.namesWithoutVlan(cluster.id());
            if (!without.isEmpty()) {
                throw new ConflictException(Text.of(NetworkMessages.class,
                        m -> m.error_vlan_hosts_unsupported(cluster.name(), String.join(", ", without))));
            }
        }
        L2Attachment a = new L2Attachment();
        a.id = Ids.newId();
        a.l2Id = n.id;
        a.clusterId = cluster.id();
        a.state = AttachmentState.Attaching;
        a.createdAt = Instant.now();
        try {
            a.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new ConflictException(
                        Text.of(NetworkMessages.class, m -> m.error_l2_already_attached(n.name, cluster.name())));
            }
            throw e;
        }
        String jobId = jobs.submit(caller, new JobRequest(L2AttachWorkflow.TYPE, TYPE, n.id, n.name, n.accountId,
                Map.of(L2AttachWorkflow.CLUSTER, cluster.id())));
        audit.accepted(caller, "l2-network.attach", target(n), jobId);
        return new Accepted<>(get(caller, id), jobId);
    }

    /**
     * Detaches the L2 network from a cluster. Nothing changes on the hosts (bridges stay). Refused (409) while the
     * attach job runs and while any of its L3 networks has DHCP running on a host of the cluster, i.e. while VMs of the
     * cluster use it.
     */
    @Audited("l2-network.detach")
    public L2NetworkView detach(Caller caller, String id, String clusterId) {
        access.requireAdmin(caller);
        L2Network n = find(id);
        Topology.ClusterRef cluster = clusterOfZone(n, clusterId);
        L2Attachment a = L2Attachment.<L2Attachment>find("l2Id = ?1 and clusterId = ?2", id, cluster.id())
                .firstResult();
        if (a == null) {
            throw new ConflictException(
                    Text.of(NetworkMessages.class, m -> m.error_l2_not_attached(n.name, cluster.name())));
        }
        if (a.state == AttachmentState.Attaching) {
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_l2_attaching(n.name)));
        }
        List<String> clusterHosts = hostAccess.hostIdsOf(cluster.id());
        long inUse = clusterHosts.isEmpty()
                ? 0
                : ((Number) em.createNativeQuery("SELECT COUNT(*) FROM ip_allocation a"
                        + " JOIN l3_network l ON l.id = a.l3_id WHERE l.l2_id = :l2 AND a.host_id IN (:hosts)"
                        + " AND a.owner_type = :dhcp").setParameter("l2", id).setParameter("hosts", clusterHosts)
                        .setParameter("dhcp", NetworkProvisioner.DHCP_OWNER).getSingleResult()).longValue();
        if (inUse > 0) {
            throw new ConflictException(
                    Text.of(NetworkMessages.class, m -> m.error_l2_in_use_in_cluster(n.name, cluster.name(), inUse)));
        }
        a.delete();
        audit.success(caller, "l2-network.detach", target(n), "cluster " + cluster.name());
        return get(caller, id);
    }

    /** Refuses to delete a zone that still holds L2 networks (observer of compute's {@link ZoneDeletion}). */
    void onZoneDeletion(@Observes ZoneDeletion deletion) {
        long count = Rows.count(L2Network.class, "zoneId = ?1", deletion.zoneId());
        if (count > 0) {
            throw new ConflictException(
                    Text.of(NetworkMessages.class, m -> m.error_zone_has_l2(deletion.zoneName(), count)));
        }
    }

    L2Network find(String id) {
        L2Network n = id == null ? null : L2Network.findById(id);
        if (n == null) {
            throw new NotFoundException(TYPE, id);
        }
        return n;
    }

    private Topology.ClusterRef clusterOfZone(L2Network n, String clusterId) {
        Validation v = Validation.start().id("clusterId", clusterId);
        v.throwIfAny();
        Topology.ClusterRef c = topology.cluster(clusterId).orElse(null);
        v.check(c != null, "clusterId", Text.of(ComputeMessages.class, m -> m.error_unknown_cluster(clusterId)));
        v.check(c == null || c.zoneId().equals(n.zoneId), "clusterId",
                Text.of(NetworkMessages.class, m -> m.error_cluster_other_zone(c == null ? "" : c.name())));
        v.check(c == null || c.state() != ZoneState.Deleting, "clusterId",
                Text.of(ComputeMessages.class, m -> m.error_cluster_deleting(c == null ? "" : c.name())));
        v.throwIfAny();
        return c;
    }

    /** The fields that say how the network leaves the host, by type: uplink, VLAN id, VNI. */
    private static void validateSegment(Validation v, L2Type type, String uplink, Integer vlanId, Integer vni) {
        if (type == L2Type.Vlan) {
            v.check(uplink != null || v.hasError("physicalInterface"), "physicalInterface",
                    Text.of(NetworkMessages.class, m -> m.error_vlan_needs_interface()));
            v.required("vlanId", vlanId);
            if (vlanId != null) {
                v.check(vlanId >= MIN_VLAN && vlanId <= MAX_VLAN, "vlanId",
                        Text.of(NetworkMessages.class, m -> m.error_vlan_id_range(MIN_VLAN, MAX_VLAN)));
                String sub = uplink + "." + vlanId;
                v.check(uplink == null || v.hasError("physicalInterface") || sub.length() <= 15, "physicalInterface",
                        Text.of(NetworkMessages.class, m -> m.error_vlan_name_too_long(sub)));
            }
        } else {
            v.check(vlanId == null, "vlanId", Text.of(NetworkMessages.class, m -> m.error_vlan_id_only_vlan()));
        }
        if (type == L2Type.Vxlan) {
            v.check(uplink == null, "physicalInterface",
                    Text.of(NetworkMessages.class, m -> m.error_vxlan_no_interface()));
            v.required("vni", vni);
            v.check(vni == null || (vni >= 1 && vni <= BridgeSpec.MAX_VNI), "vni",
                    Text.of(NetworkMessages.class, m -> m.error_vni_range(1, BridgeSpec.MAX_VNI)));
        } else {
            v.check(vni == null, "vni", Text.of(NetworkMessages.class, m -> m.error_vni_only_vxlan()));
        }
    }

    /**
     * One flat network per uplink, one network per VLAN of an uplink, one per VNI, in a zone (the unique keys back the
     * last two).
     */
    static void validateUnique(Validation v, String zoneId, L2Type type, String uplink, Integer vlanId,
            Integer vni) {
        if (type == L2Type.NoVlan && uplink != null && !v.hasError("physicalInterface")) {
            L2Network other = L2Network.find("zoneId = ?1 and physicalInterface = ?2 and type = ?3", zoneId, uplink,
                    L2Type.NoVlan).firstResult();
            v.check(other == null, "physicalInterface", Text.of(NetworkMessages.class,
                    m -> m.error_interface_taken(uplink, other == null ? "" : other.name)));
        }
        if (type == L2Type.Vlan && uplink != null && vlanId != null && !v.hasError("vlanId")) {
            L2Network other = L2Network.find("zoneId = ?1 and physicalInterface = ?2 and vlanId = ?3", zoneId, uplink,
                    vlanId).firstResult();
            v.check(other == null, "vlanId", Text.of(NetworkMessages.class,
                    m -> m.error_vlan_taken(uplink, vlanId, other == null ? "" : other.name)));
        }
        if (type == L2Type.Vxlan && vni != null && !v.hasError("vni")) {
            L2Network other = L2Network.find("zoneId = ?1 and vni = ?2", zoneId, vni).firstResult();
            v.check(other == null, "vni",
                    Text.of(NetworkMessages.class, m -> m.error_vni_taken(vni, other == null ? "" : other.name)));
        }
    }

    private void validateNameAndDescription(Validation v, String name, String description, String zoneId,
            String selfId) {
        v.name("name", name).maxLength("description", description, Validation.MAX_DESCRIPTION);
        if (!v.hasError("name") && zoneId != null) {
            L2Network other = L2Network.find("zoneId = ?1 and name = ?2", zoneId, name.trim()).firstResult();
            v.check(other == null || other.id.equals(selfId), "name",
                    Text.msg(m -> m.error_name_taken_in_zone(name.trim())));
        }
    }

    private void persistUnique(L2Network n) {
        try {
            n.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new InvalidInputException("name", Text.msg(m -> m.error_name_taken_in_zone(n.name)));
            }
            throw e;
        }
    }

    /** "nbr" + the first 12 hex digits of the id: unique enough, valid as a Linux interface name (15 characters). */
    public static String defaultBridgeName(String id) {
        return "nbr" + id.replace("-", "").substring(0, 12);
    }

    static AuditTarget target(L2Network n) {
        return AuditTarget.of(TYPE, n.id, n.name, n.accountId);
    }

    private List<L2NetworkView> views(List<L2Network> networks) {
        if (networks.isEmpty()) {
            return List.of();
        }
        Set<String> ids = networks.stream().map(n -> n.id).collect(Collectors.toSet());
        Set<String> zoneIds = networks.stream().map(n -> n.zoneId).collect(Collectors.toSet());
        Map<String, String> zones = topology.zoneNames(zoneIds);
        List<L2Attachment> attachments = L2Attachment.list("l2Id in ?1", ids);
        Set<String> clusterIds = attachments.stream().map(a -> a.clusterId).collect(Collectors.toSet());
        Map<String, String> clusters = topology.clusterNames(clusterIds);
        Map<String, List<L2NetworkView.AttachedCluster>> byL2 = new HashMap<>();
        for (L2Attachment a : attachments) {
            byL2.computeIfAbsent(a.l2Id, k -> new ArrayList<>())
                    .add(new L2NetworkView.AttachedCluster(a.clusterId, clusters.get(a.clusterId), a.state));
        }
        byL2.values().forEach(l -> l.sort(Comparator.comparing(c -> c.clusterName() == null ? "" : c.clusterName())));
        Map<String, Long> l3 = new HashMap<>();
        for (Object[] r : em.createQuery("select l.l2Id, count(l) from L3Network l where l.l2Id in :ids"
                + " group by l.l2Id", Object[].class).setParameter("ids", ids).getResultList()) {
            l3.put((String) r[0], (Long) r[1]);
        }
        return networks.stream()
                .map(n -> new L2NetworkView(n.id, n.zoneId, zones.get(n.zoneId), n.name, n.description, n.type,
                        n.physicalInterface, n.vlanId, n.vni, n.vniPoolId, n.bridgeName,
                        List.copyOf(byL2.getOrDefault(n.id, List.of())),
                        l3.getOrDefault(n.id, 0L), n.createdAt, n.updatedAt))
                .toList();
    }
}
