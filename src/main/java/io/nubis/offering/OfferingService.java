package io.nubis.offering;

import io.nubis.platform.Text;
import io.nubis.iam.AccessControl;
import io.nubis.iam.Accounts;
import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Audited;
import io.nubis.iam.Caller;
import io.nubis.platform.ConflictException;
import io.nubis.platform.DbTime;
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
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Instance offerings. Admins create, change, enable, disable and delete them; tenants list and read the Enabled ones (a
 * Disabled one is a 404 for them). The VM service takes an offering through {@link #getForUse}. Deleting an offering
 * that VMs use is refused (409); who uses it is asked through every {@link OfferingUsage} bean.
 */
@ApplicationScoped
@Transactional
public class OfferingService {

    static final String TYPE = "instance-offering";
    public static final int MIN_CPUS = 1;
    public static final int MAX_CPUS = 128;
    public static final long MIN_MEMORY_MIB = 64;
    public static final long MAX_MEMORY_MIB = 1_048_576;

    @Inject
    AccessControl access;
    @Inject
    AuditLog audit;
    @Inject
    io.nubis.iam.Sharing sharing;
    @Inject
    io.nubis.platform.Sql sql;
    @Inject
    @Any
    Instance<OfferingUsage> usages;

    /** Admins see every offering (optionally by state); tenants see Enabled ones only. By name. */
    public Page<InstanceOfferingView> list(Caller caller, String nameFilter, OfferingState state, PageRequest pr) {
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        OfferingState only = caller.admin() ? state : OfferingState.Enabled;
        if (only != null) {
            where.add("state = :state");
            p.and("state", only);
        }
        if (!caller.admin()) {
            java.util.Set<String> chosen = sharing.idsSharedWith(TYPE, caller.accountId());
            where.add(chosen.isEmpty() ? "shared = true" : "(shared = true or id in :chosen)");
            if (!chosen.isEmpty()) {
                p.and("chosen", chosen);
            }
        }
        if (nameFilter != null && !nameFilter.isBlank()) {
            where.add("name like :name");
            p.and("name", "%" + nameFilter.trim() + "%");
        }
        Sort sort = Sort.ascending("name");
        PanacheQuery<InstanceOffering> q = where.isEmpty()
                ? InstanceOffering.findAll(sort)
                : InstanceOffering.find(String.join(" and ", where), sort, p);
        List<InstanceOfferingView> items = q.page(pr.page() - 1, pr.size()).list().stream()
                .map(OfferingService::view).toList();
        return new Page<>(items, pr.page(), pr.size(),
                where.isEmpty() ? InstanceOffering.count() : InstanceOffering.count(String.join(" and ", where), p));
    }

    public InstanceOfferingView get(Caller caller, String id) {
        InstanceOffering o = find(id);
        if (!caller.admin() && (o.state != OfferingState.Enabled || !sharedWith(caller, o.id, o.shared))) {
            throw new NotFoundException(TYPE, id);
        }
        return view(o);
    }

    /**
     * The offering a new VM is to be created from, for the VM service: 404 when unknown, a 400 field error on
     * {@code offeringId} when it is Disabled (for tenants too: they may hold the id from before it was disabled).
     */
    public InstanceOfferingView getForUse(Caller caller, String id) {
        if (!Ids.isValid(id)) {
            throw new InvalidInputException("offeringId", Text.msg(m -> m.error_id_format()));
        }
        // every VM create asks: one plain statement, no entity (issue 7)
        List<Object[]> rows = sql.flushedQuery("SELECT name, description, cpus, memory_mib, allocator_strategy, state,"
                + " shared, created_at, updated_at FROM instance_offering WHERE id = ?", id);
        Object[] r = rows.isEmpty() ? null : rows.get(0);
        if (r == null || !sharedWith(caller, id, io.nubis.platform.Sql.flag(r[6]))) {
            throw new NotFoundException(TYPE, id);
        }
        InstanceOfferingView o = new InstanceOfferingView(id, (String) r[0], (String) r[1],
                ((Number) r[2]).intValue(), ((Number) r[3]).longValue(),
                r[4] == null ? null : AllocatorStrategy.valueOf((String) r[4]),
                OfferingState.valueOf((String) r[5]), DbTime.read(r[7]), DbTime.read(r[8]));
        if (o.state() != OfferingState.Enabled) {
            throw new InvalidInputException("offeringId",
                    Text.of(OfferingMessages.class, m -> m.error_offering_disabled(o.name())));
        }
        return o;
    }

    @Audited("instance-offering.create")
    public InstanceOfferingView create(Caller caller, InstanceOfferingInput in) {
        access.requireAdmin(caller);
        AllocatorStrategy strategy = validate(in, null);
        Instant now = Instant.now();
        InstanceOffering o = new InstanceOffering();
        o.id = Ids.newId();
        apply(o, in, strategy);
        o.state = OfferingState.Enabled;
        o.shared = true;
        o.accountId = Accounts.ADMIN_ID;
        o.createdAt = now;
        o.updatedAt = now;
        persistUnique(o);
        audit.success(caller, "instance-offering.create", target(o), o.cpus + " CPUs, " + o.memoryMib + " MiB");
        return view(o);
    }

    /** Changes every field. VMs already created keep the size they were created with. */
    @Audited("instance-offering.update")
    public InstanceOfferingView update(Caller caller, String id, InstanceOfferingInput in) {
        access.requireAdmin(caller);
        InstanceOffering o = find(id);
        AllocatorStrategy strategy = validate(in, o.id);
        apply(o, in, strategy);
        o.updatedAt = Instant.now();
        persistUnique(o);
        audit.success(caller, "instance-offering.update", target(o), o.cpus + " CPUs, " + o.memoryMib + " MiB");
        return view(o);
    }

    @Audited("instance-offering.state")
    public InstanceOfferingView setEnabled(Caller caller, String id, boolean enabled) {
        access.requireAdmin(caller);
        InstanceOffering o = find(id);
        o.state = enabled ? OfferingState.Enabled : OfferingState.Disabled;
        o.updatedAt = Instant.now();
        audit.success(caller, enabled ? "instance-offering.enable" : "instance-offering.disable", target(o), null);
        return view(o);
    }

    /** Deletes an offering nothing uses; 409 naming how many resources use it otherwise. */
    @Audited("instance-offering.delete")
    public void delete(Caller caller, String id) {
        access.requireAdmin(caller);
        InstanceOffering o = find(id);
        long users = usages.stream().mapToLong(u -> u.count(o.id)).sum();
        if (users > 0) {
            throw new ConflictException(Text.of(OfferingMessages.class, m -> m.error_offering_in_use(o.name, users)));
        }
        sharing.forget(TYPE, o.id);
        o.delete();
        audit.success(caller, "instance-offering.delete", target(o), null);
    }

    InstanceOffering find(String id) {
        InstanceOffering o = id == null ? null : InstanceOffering.findById(id);
        if (o == null) {
            throw new NotFoundException(TYPE, id);
        }
        return o;
    }

    private AllocatorStrategy validate(InstanceOfferingInput in, String selfId) {
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        v.name("name", in.name()).maxLength("description", in.description(), Validation.MAX_DESCRIPTION);
        v.required("cpus", in.cpus()).range("cpus", in.cpus(), MIN_CPUS, MAX_CPUS);
        v.required("memoryMib", in.memoryMib());
        v.check(in.memoryMib() == null || (in.memoryMib() >= MIN_MEMORY_MIB && in.memoryMib() <= MAX_MEMORY_MIB),
                "memoryMib", Text.msg(m -> m.error_range(MIN_MEMORY_MIB, MAX_MEMORY_MIB)));
        AllocatorStrategy strategy = AllocatorStrategy.LeastUsed;
        if (in.allocatorStrategy() != null && !in.allocatorStrategy().isBlank()) {
            strategy = Arrays.stream(AllocatorStrategy.values())
                    .filter(s -> s.name().equalsIgnoreCase(in.allocatorStrategy().trim())).findFirst().orElse(null);
            v.check(strategy != null, "allocatorStrategy",
                    Text.msg(m -> m.error_enum(Arrays.stream(AllocatorStrategy.values())
                            .map(Enum::name).collect(Collectors.joining(", ")))));
        }
        if (!v.hasError("name")) {
            InstanceOffering other = InstanceOffering.find("name", in.name().trim()).firstResult();
            v.check(other == null || other.id.equals(selfId), "name",
                    Text.msg(m -> m.error_name_taken(in.name().trim())));
        }
        v.throwIfAny();
        return strategy;
    }

    private static void apply(InstanceOffering o, InstanceOfferingInput in, AllocatorStrategy strategy) {
        o.name = in.name().trim();
        o.description = in.description() == null || in.description().isBlank() ? null : in.description().trim();
        o.cpus = in.cpus();
        o.memoryMib = in.memoryMib();
        o.allocatorStrategy = strategy;
    }

    private void persistUnique(InstanceOffering o) {
        try {
            o.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new InvalidInputException("name", Text.msg(m -> m.error_name_taken(o.name)));
            }
            throw e;
        }
    }

    static AuditTarget target(InstanceOffering o) {
        return AuditTarget.of(TYPE, o.id, o.name, o.accountId);
    }

    static InstanceOfferingView view(InstanceOffering o) {
        return new InstanceOfferingView(o.id, o.name, o.description, o.cpus, o.memoryMib, o.allocatorStrategy,
                o.state, o.createdAt, o.updatedAt);
    }

    /** Names by id, for views of other features' rows (a VM's offering, image, networks); unknown ids are left out. */
    @jakarta.transaction.Transactional
    public java.util.Map<String, String> names(java.util.Collection<String> ids) {
        return io.nubis.platform.Rows.valueById(InstanceOffering.class, ids, r -> r.name);
    }

    /** Admins see every offering; a tenant those shared with every account or with its own. */
    private boolean sharedWith(Caller caller, String id, boolean sharedWithAll) {
        return caller.admin() || sharedWithAll || sharing.sharedWith(TYPE, id, caller.accountId());
    }
}
