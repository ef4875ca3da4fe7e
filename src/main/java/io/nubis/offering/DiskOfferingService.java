package io.nubis.offering;

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
import io.nubis.platform.Text;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Disk offerings (issue 8): the sizes of data volumes. Admins create, change, enable, disable and delete them; tenants
 * list and read the Enabled ones (a Disabled one is a 404 for them). The storage service takes one through
 * {@link #getForUse}. Deleting one that volumes came from is refused (409); who uses it is asked through every
 * {@link DiskOfferingUsage} bean. The same conventions as instance offerings ({@link OfferingService}).
 */
@ApplicationScoped
@Transactional
public class DiskOfferingService {

    static final String TYPE = "disk-offering";
    public static final int MIN_SIZE_GIB = 1;
    /** 64 TiB: a qcow2 volume may be larger, but no tenant disk of this cloud needs to be. */
    public static final int MAX_SIZE_GIB = 65536;

    @Inject
    AccessControl access;
    @Inject
    AuditLog audit;
    @Inject
    io.nubis.iam.Sharing sharing;
    @Inject
    @Any
    Instance<DiskOfferingUsage> usages;

    /** Admins see every disk offering (optionally by state); tenants see Enabled ones only. By name. */
    public Page<DiskOfferingView> list(Caller caller, String nameFilter, OfferingState state, PageRequest pr) {
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
        PanacheQuery<DiskOffering> q = where.isEmpty()
                ? DiskOffering.findAll(sort)
                : DiskOffering.find(String.join(" and ", where), sort, p);
        List<DiskOfferingView> items = q.page(pr.page() - 1, pr.size()).list().stream()
                .map(DiskOfferingService::view).toList();
        return new Page<>(items, pr.page(), pr.size(),
                where.isEmpty() ? DiskOffering.count() : DiskOffering.count(String.join(" and ", where), p));
    }

    public DiskOfferingView get(Caller caller, String id) {
        DiskOffering o = find(id);
        if (!caller.admin() && (o.state != OfferingState.Enabled || !sharedWith(caller, o.id, o.shared))) {
            throw new NotFoundException(TYPE, id);
        }
        return view(o);
    }

    /**
     * The disk offering a new volume is to be created from: 404 when unknown, a 400 field error on
     * {@code diskOfferingId} when it is malformed or Disabled.
     */
    public DiskOfferingView getForUse(Caller caller, String id) {
        if (!Ids.isValid(id)) {
            throw new InvalidInputException("diskOfferingId", Text.msg(m -> m.error_id_format()));
        }
        DiskOffering o = find(id);
        if (!sharedWith(caller, o.id, o.shared)) {
            throw new NotFoundException(TYPE, id);
        }
        if (o.state != OfferingState.Enabled) {
            throw new InvalidInputException("diskOfferingId",
                    Text.of(OfferingMessages.class, m -> m.error_offering_disabled(o.name)));
        }
        return view(o);
    }

    @Audited("disk-offering.create")
    public DiskOfferingView create(Caller caller, DiskOfferingInput in) {
        access.requireAdmin(caller);
        validate(in, null);
        Instant now = Instant.now();
        DiskOffering o = new DiskOffering();
        o.id = Ids.newId();
        apply(o, in);
        o.state = OfferingState.Enabled;
        o.shared = true;
        o.accountId = Accounts.ADMIN_ID;
        o.createdAt = now;
        o.updatedAt = now;
        persistUnique(o);
        audit.success(caller, "disk-offering.create", target(o), o.sizeGib + " GiB");
        return view(o);
    }

    /** Changes every field. Volumes already created keep their size. */
    @Audited("disk-offering.update")
    public DiskOfferingView update(Caller caller, String id, DiskOfferingInput in) {
        access.requireAdmin(caller);
        DiskOffering o = find(id);
        validate(in, o.id);
        apply(o, in);
        o.updatedAt = Instant.now();
        persistUnique(o);
        audit.success(caller, "disk-offering.update", target(o), o.sizeGib + " GiB");
        return view(o);
    }

    @Audited("disk-offering.state")
    public DiskOfferingView setEnabled(Caller caller, String id, boolean enabled) {
        access.requireAdmin(caller);
        DiskOffering o = find(id);
        o.state = enabled ? OfferingState.Enabled : OfferingState.Disabled;
        o.updatedAt = Instant.now();
        audit.success(caller, enabled ? "disk-offering.enable" : "disk-offering.disable", target(o), null);
        return view(o);
    }

    /** Deletes a disk offering nothing uses; 409 naming how many resources use it otherwise. */
    @Audited("disk-offering.delete")
    public void delete(Caller caller, String id) {
        access.requireAdmin(caller);
        DiskOffering o = find(id);
        long users = usages.stream().mapToLong(u -> u.count(o.id)).sum();
        if (users > 0) {
            throw new ConflictException(
                    Text.of(OfferingMessages.class, m -> m.error_disk_offering_in_use(o.name, users)));
        }
        sharing.forget(TYPE, o.id);
        o.delete();
        audit.success(caller, "disk-offering.delete", target(o), null);
    }

    /** Names by id, for views of other features' rows (a volume's disk offering); unknown ids are left out. */
    public Map<String, String> names(Collection<String> ids) {
        return Rows.valueById(DiskOffering.class, ids, r -> r.name);
    }

    private DiskOffering find(String id) {
        DiskOffering o = id == null ? null : DiskOffering.findById(id);
        if (o == null) {
            throw new NotFoundException(TYPE, id);
        }
        return o;
    }

    private void validate(DiskOfferingInput in, String selfId) {
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        v.name("name", in.name()).maxLength("description", in.description(), Validation.MAX_DESCRIPTION);
        v.required("sizeGib", in.sizeGib()).range("sizeGib", in.sizeGib(), MIN_SIZE_GIB, MAX_SIZE_GIB);
        if (!v.hasError("name")) {
            String name = in.name().trim();
            v.check(Rows.count(DiskOffering.class, "name = ?1 and id <> ?2", name, selfId == null ? "" : selfId) == 0,
                    "name", Text.msg(m -> m.error_name_taken(name)));
        }
        v.throwIfAny();
    }

    private static void apply(DiskOffering o, DiskOfferingInput in) {
        o.name = in.name().trim();
        o.description = Validation.blankToNull(in.description());
        o.sizeGib = in.sizeGib();
    }

    private void persistUnique(DiskOffering o) {
        try {
            o.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new InvalidInputException("name", Text.msg(m -> m.error_name_taken(o.name)));
            }
            throw e;
        }
    }

    static AuditTarget target(DiskOffering o) {
        return AuditTarget.of(TYPE, o.id, o.name, o.accountId);
    }

    static DiskOfferingView view(DiskOffering o) {
        return new DiskOfferingView(o.id, o.name, o.description, o.sizeGib, o.state, o.createdAt, o.updatedAt);
    }

    /** Admins see every offering; a tenant those shared with every account or with its own. */
    private boolean sharedWith(Caller caller, String id, boolean sharedWithAll) {
        return caller.admin() || sharedWithAll || sharing.sharedWith(TYPE, id, caller.accountId());
    }
}
