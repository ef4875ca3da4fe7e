package io.nubis.compute;

import io.nubis.platform.Rows;
import io.nubis.platform.Text;
import io.nubis.driver.HostDrivers;
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
import io.nubis.platform.UniqueViolation;
import io.nubis.platform.Validation;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Clusters: admin-only CRUD inside a zone. Deleting one that holds hosts needs an explicit cascade (a job). */
@ApplicationScoped
@Transactional
public class ClusterService {

    static final String TYPE = "cluster";

    @Inject
    AccessControl access;
    @Inject
    AuditLog audit;
    @Inject
    JobService jobs;
    @Inject
    HostDrivers drivers;
    @Inject
    InventoryCounts counts;

    public Page<ClusterView> list(Caller caller, String zoneId, String nameFilter, PageRequest pr) {
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
        Sort sort = Sort.ascending("name");
        PanacheQuery<Cluster> q = where.isEmpty()
                ? Cluster.findAll(sort)
                : Cluster.find(String.join(" and ", where), sort, p);
        List<Cluster> clusters = q.page(pr.page() - 1, pr.size()).list();
        Map<String, String> zoneNames = zoneNames();
        Map<String, Long> hosts = counts.hostsByCluster();
        return new Page<>(clusters.stream().map(c -> view(c, zoneNames, hosts)).toList(), pr.page(), pr.size(),
                where.isEmpty() ? Cluster.count() : Cluster.count(String.join(" and ", where), p));
    }

    /** All clusters, by name (for select boxes). */
    public List<ClusterView> all(Caller caller) {
        return list(caller, null, null, new PageRequest(1, PageRequest.MAX_SIZE)).items();
    }

    public ClusterView get(Caller caller, String id) {
        access.requireAdmin(caller);
        return view(find(id), zoneNames(), counts.hostsByCluster());
    }

    /** Hypervisor types a cluster may have: one per installed host driver. */
    public List<String> hypervisorTypes() {
        return List.copyOf(drivers.types());
    }

    @Audited("cluster.create")
    public ClusterView create(Caller caller, ClusterInput in) {
        access.requireAdmin(caller);
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        v.id("zoneId", in.zoneId()).required("hypervisorType", in.hypervisorType());
        Zone zone = null;
        if (!v.hasError("zoneId")) {
            Zone found = Zone.findById(in.zoneId());
            zone = found;
            v.check(found != null, "zoneId", Text.of(ComputeMessages.class, m -> m.error_unknown_zone(in.zoneId())));
            v.check(found == null || found.state != ZoneState.Deleting, "zoneId",
                    Text.of(ComputeMessages.class, m -> m.error_zone_deleting(found == null ? "" : found.name)));
        }
        if (!v.hasError("hypervisorType")) {
            v.check(drivers.find(in.hypervisorType()).isPresent(), "hypervisorType", Text.of(ComputeMessages.class,
                    m -> m.error_unknown_hypervisor(in.hypervisorType(), String.join(", ", drivers.types()))));
        }
        validateNameAndDescription(v, in, zone == null ? null : zone.id, null);
        v.throwIfAny();
        Instant now = Instant.now();
        Cluster c = new Cluster();
        c.id = Ids.newId();
        c.zoneId = zone.id;
        c.name = in.name().trim();
        c.description = Validation.blankToNull(in.description());
        c.hypervisorType = in.hypervisorType();
        c.state = ZoneState.Enabled;
        c.accountId = Accounts.ADMIN_ID;
        c.createdAt = now;
        c.updatedAt = now;
        persistUnique(c);
        audit.success(caller, "cluster.create", target(c), "zone " + zone.name);
        return view(c, Map.of(zone.id, zone.name), Map.of());
    }

    @Audited("cluster.update")
    public ClusterView update(Caller caller, String id, ClusterInput in) {
        access.requireAdmin(caller);
        Cluster c = find(id);
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        validateNameAndDescription(v, in, c.zoneId, c.id);
        v.throwIfAny();
        c.name = in.name().trim();
        c.description = Validation.blankToNull(in.description());
        c.updatedAt = Instant.now();
        persistUnique(c);
        audit.success(caller, "cluster.update", target(c), null);
        return get(caller, id);
    }

    @Audited("cluster.state")
    public ClusterView setState(Caller caller, String id, boolean enabled) {
        access.requireAdmin(caller);
        Cluster c = find(id);
        if (c.state == ZoneState.Deleting) {
            throw new ConflictException(Text.of(ComputeMessages.class, m -> m.error_cluster_deleting(c.name)));
        }
        c.state = enabled ? ZoneState.Enabled : ZoneState.Disabled;
        c.updatedAt = Instant.now();
        audit.success(caller, enabled ? "cluster.enable" : "cluster.disable", target(c), null);
        return get(caller, id);
    }

    public DeletionImpact deletionImpact(Caller caller, String id) {
        access.requireAdmin(caller);
        find(id);
        return new DeletionImpact(0, Rows.count(Host.class, "clusterId = ?1", id));
    }

    /**
     * Deletes an empty cluster at once (returns empty). One with hosts is refused with 409 unless {@code cascade}: then
     * a {@code cluster.delete} job disconnects and removes its hosts, then the cluster.
     */
    @Audited("cluster.delete")
    public Optional<Accepted<ClusterView>> delete(Caller caller, String id, boolean cascade) {
        access.requireAdmin(caller);
        Cluster c = find(id);
        if (c.state == ZoneState.Deleting) {
            throw new ConflictException(Text.of(ComputeMessages.class, m -> m.error_cluster_deleting(c.name)));
        }
        long hosts = Rows.count(Host.class, "clusterId = ?1", id);
        if (hosts == 0) {
            c.delete();
            audit.success(caller, "cluster.delete", target(c), null);
            return Optional.empty();
        }
        if (!cascade) {
            throw new ConflictException(Text.of(ComputeMessages.class, m -> m.error_cluster_not_empty(c.name, hosts)));
        }
        c.state = ZoneState.Deleting;
        c.updatedAt = Instant.now();
        String jobId = jobs.submit(caller,
                new JobRequest(ClusterDeleteWorkflow.TYPE, TYPE, c.id, c.name, c.accountId, Map.of()));
        audit.accepted(caller, "cluster.delete", target(c), jobId);
        return Optional.of(new Accepted<>(view(c, zoneNames(), Map.of(c.id, hosts)), jobId));
    }

    Cluster find(String id) {
        Cluster c = id == null ? null : Cluster.findById(id);
        if (c == null) {
            throw new NotFoundException(TYPE, id);
        }
        return c;
    }

    private void validateNameAndDescription(Validation v, ClusterInput in, String zoneId, String selfId) {
        v.name("name", in.name()).maxLength("description", in.description(), Validation.MAX_DESCRIPTION);
        if (!v.hasError("name") && zoneId != null) {
            Cluster other = Cluster.find("zoneId = ?1 and name = ?2", zoneId, in.name().trim()).firstResult();
            v.check(other == null || other.id.equals(selfId), "name",
                    Text.msg(m -> m.error_name_taken_in_zone(in.name().trim())));
        }
    }

    private void persistUnique(Cluster c) {
        try {
            c.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new InvalidInputException("name", Text.msg(m -> m.error_name_taken_in_zone(c.name)));
            }
            throw e;
        }
    }

    static AuditTarget target(Cluster c) {
        return AuditTarget.of(TYPE, c.id, c.name, c.accountId);
    }

    private static Map<String, String> zoneNames() {
        return Zone.<Zone>listAll().stream().collect(Collectors.toMap(z -> z.id, z -> z.name));
    }

    private static ClusterView view(Cluster c, Map<String, String> zoneNames, Map<String, Long> hosts) {
        return new ClusterView(c.id, c.zoneId, zoneNames.get(c.zoneId), c.name, c.description, c.hypervisorType,
                c.state, hosts.getOrDefault(c.id, 0L), c.createdAt, c.updatedAt);
    }

    static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
