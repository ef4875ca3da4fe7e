package io.nubis.compute;

import io.nubis.platform.Rows;
import io.nubis.platform.Text;
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
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Zones: admin-only CRUD. Deleting a zone that holds clusters needs an explicit cascade, which runs as a job. */
@ApplicationScoped
@Transactional
public class ZoneService {

    static final String TYPE = "zone";

    @Inject
    AccessControl access;
    @Inject
    AuditLog audit;
    @Inject
    JobService jobs;
    @Inject
    InventoryCounts counts;
    @Inject
    Event<ZoneDeletion> deletions;

    public Page<ZoneView> list(Caller caller, String nameFilter, PageRequest pr) {
        access.requireAdmin(caller);
        Sort sort = Sort.ascending("name");
        boolean all = nameFilter == null || nameFilter.isBlank();
        String like = all ? null : "%" + nameFilter.trim() + "%";
        PanacheQuery<Zone> q = all ? Zone.findAll(sort) : Zone.find("name like ?1", sort, like);
        List<Zone> zones = q.page(pr.page() - 1, pr.size()).list();
        Map<String, Long> clusters = counts.clustersByZone();
        Map<String, Long> hosts = counts.hostsByZone();
        return new Page<>(zones.stream().map(z -> view(z, clusters, hosts)).toList(), pr.page(), pr.size(),
                all ? Zone.count() : Zone.count("name like ?1", like));
    }

    /** All zones, by name (for select boxes). */
    public List<ZoneView> all(Caller caller) {
        return list(caller, null, new PageRequest(1, PageRequest.MAX_SIZE)).items();
    }

    public ZoneView get(Caller caller, String id) {
        access.requireAdmin(caller);
        return view(find(id), counts.clustersByZone(), counts.hostsByZone());
    }

    @Audited("zone.create")
    public ZoneView create(Caller caller, ZoneInput in) {
        access.requireAdmin(caller);
        validate(in, null);
        Instant now = Instant.now();
        Zone z = new Zone();
        z.id = Ids.newId();
        z.name = in.name().trim();
        z.description = Validation.blankToNull(in.description());
        z.state = ZoneState.Enabled;
        z.accountId = Accounts.ADMIN_ID;
        z.createdAt = now;
        z.updatedAt = now;
        persistUnique(z);
        audit.success(caller, "zone.create", target(z), null);
        return view(z, Map.of(), Map.of());
    }

    @Audited("zone.update")
    public ZoneView update(Caller caller, String id, ZoneInput in) {
        access.requireAdmin(caller);
        Zone z = find(id);
        validate(in, z.id);
        z.name = in.name().trim();
        z.description = Validation.blankToNull(in.description());
        z.updatedAt = Instant.now();
        persistUnique(z);
        audit.success(caller, "zone.update", target(z), null);
        return get(caller, id);
    }

    @Audited("zone.state")
    public ZoneView setState(Caller caller, String id, boolean enabled) {
        access.requireAdmin(caller);
        Zone z = find(id);
        if (z.state == ZoneState.Deleting) {
            throw new ConflictException(Text.of(ComputeMessages.class, m -> m.error_zone_deleting(z.name)));
        }
        z.state = enabled ? ZoneState.Enabled : ZoneState.Disabled;
        z.updatedAt = Instant.now();
        audit.success(caller, enabled ? "zone.enable" : "zone.disable", target(z), null);
        return get(caller, id);
    }

    public DeletionImpact deletionImpact(Caller caller, String id) {
        access.requireAdmin(caller);
        find(id);
        return new DeletionImpact(Rows.count(Cluster.class, "zoneId = ?1", id),
                Rows.count(Host.class, "zoneId = ?1", id));
    }

    /**
     * Deletes an empty zone at once (returns empty). A zone with clusters is refused with 409 unless {@code cascade}:
     * then it turns Deleting and a {@code zone.delete} job removes its hosts, clusters and itself. Features with rows
     * in the zone may refuse through {@link ZoneDeletion}.
     */
    @Audited("zone.delete")
    public Optional<Accepted<ZoneView>> delete(Caller caller, String id, boolean cascade) {
        access.requireAdmin(caller);
        Zone z = find(id);
        if (z.state == ZoneState.Deleting) {
            throw new ConflictException(Text.of(ComputeMessages.class, m -> m.error_zone_deleting(z.name)));
        }
        deletions.fire(new ZoneDeletion(z.id, z.name));
        DeletionImpact impact = new DeletionImpact(Rows.count(Cluster.class, "zoneId = ?1", id),
                Rows.count(Host.class, "zoneId = ?1", id));
        if (impact.empty()) {
            z.delete();
            audit.success(caller, "zone.delete", target(z), null);
            return Optional.empty();
        }
        if (!cascade) {
            throw new ConflictException(Text.of(ComputeMessages.class,
                    m -> m.error_zone_not_empty(z.name, impact.clusters(), impact.hosts())));
        }
        z.state = ZoneState.Deleting;
        z.updatedAt = Instant.now();
        Cluster.update("state = ?1, updatedAt = ?2 where zoneId = ?3", ZoneState.Deleting, z.updatedAt, id);
        String jobId = jobs.submit(caller,
                new JobRequest(ZoneDeleteWorkflow.TYPE, TYPE, z.id, z.name, z.accountId, Map.of()));
        audit.accepted(caller, "zone.delete", target(z), jobId);
        return Optional.of(new Accepted<>(view(z, Map.of(), Map.of()), jobId));
    }

    Zone find(String id) {
        Zone z = id == null ? null : Zone.findById(id);
        if (z == null) {
            throw new NotFoundException(TYPE, id);
        }
        return z;
    }

    private void validate(ZoneInput in, String selfId) {
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        v.name("name", in.name()).maxLength("description", in.description(), Validation.MAX_DESCRIPTION);
        if (!v.hasError("name")) {
            Zone other = Zone.find("name", in.name().trim()).firstResult();
            v.check(other == null || other.id.equals(selfId), "name",
                    Text.msg(m -> m.error_name_taken(in.name().trim())));
        }
        v.throwIfAny();
    }

    private void persistUnique(Zone z) {
        try {
            z.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new InvalidInputException("name", Text.msg(m -> m.error_name_taken(z.name)));
            }
            throw e;
        }
    }

    static AuditTarget target(Zone z) {
        return AuditTarget.of(TYPE, z.id, z.name, z.accountId);
    }

    private static ZoneView view(Zone z, Map<String, Long> clusters, Map<String, Long> hosts) {
        return new ZoneView(z.id, z.name, z.description, z.state, clusters.getOrDefault(z.id, 0L),
                hosts.getOrDefault(z.id, 0L), z.createdAt, z.updatedAt);
    }
}
