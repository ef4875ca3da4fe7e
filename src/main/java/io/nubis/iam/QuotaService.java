package io.nubis.iam;

import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Account quotas (issue 9): limits per account and kind, defaults set by an admin, usage counted by the features that
 * own the resources ({@link QuotaUsage}). Every request that makes something an account pays for calls {@link #require}
 * in its transaction: the account row is locked (after the locks the request took before, always last), so two requests
 * of one account are checked one after the other and cannot pass a limit together. The admin account has no quotas.
 */
@ApplicationScoped
public class QuotaService {

    static final String DEFAULT_SCOPE = "default";
    static final String TYPE = "quota";

    @Inject
    io.nubis.platform.Sql sql;

    @Inject
    EntityManager em;
    @Inject
    Instance<QuotaUsage> usages;
    @Inject
    AuditLog audit;
    @Inject
    AccessControl access;

    /**
     * Checks that the account may take {@code adding} more of each kind, in the caller's transaction.
     *
     * @throws ConflictException {@code error_quota_exceeded} naming the first kind over its limit
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void require(String accountId, Map<QuotaKind, Long> adding) {
        Map<QuotaKind, Long> limits = limits(accountId);
        boolean limited = adding.entrySet().stream()
                .anyMatch(a -> a.getValue() > 0 && limits.getOrDefault(a.getKey(), -1L) >= 0);
        if (!limited) {
            return; // no lock, no count: nothing to check (the common case of a cloud without quotas)
        }
        List<Object[]> acc = rows("SELECT type FROM account WHERE id = ?1 FOR UPDATE", accountId);
        if (acc.isEmpty() || AccountType.ADMIN.name().equals(String.valueOf(acc.get(0)[0]))) {
            return;
        }
        Map<QuotaKind, Long> used = null;
        for (Map.Entry<QuotaKind, Long> add : adding.entrySet()) {
            Long limit = limits.get(add.getKey());
            if (limit == null || limit < 0 || add.getValue() <= 0) {
                continue;
            }
            if (used == null) {
                used = usage(accountId);
            }
            long now = used.getOrDefault(add.getKey(), 0L);
            if (now + add.getValue() > limit) {
                String kind = add.getKey().name().toLowerCase(Locale.ROOT);
                throw new ConflictException(
                        Text.of(IamMessages.class, m -> m.error_quota_exceeded(kind, limit, now, add.getValue())));
            }
        }
    }

    /** The account's quotas with its usage; tenants see their own account's only (404 otherwise). */
    @Transactional
    public List<QuotaView> view(Caller caller, String accountId) {
        if (!Ids.isValid(accountId) || !caller.canAccess(accountId) || rows("SELECT id FROM account WHERE id = ?1",
                accountId).isEmpty()) {
            throw new NotFoundException("account", accountId);
        }
        Map<QuotaKind, Long> own = scope(accountId);
        Map<QuotaKind, Long> defaults = scope(DEFAULT_SCOPE);
        Map<QuotaKind, Long> used = usage(accountId);
        List<QuotaView> out = new ArrayList<>();
        for (QuotaKind k : QuotaKind.values()) {
            String source = own.containsKey(k) ? "account" : defaults.containsKey(k) ? DEFAULT_SCOPE : "none";
            long limit = own.containsKey(k) ? own.get(k) : defaults.getOrDefault(k, -1L);
            out.add(new QuotaView(k, used.getOrDefault(k, 0L), limit, source));
        }
        return out;
    }

    /** An account as the quota pages list it. */
    public record AccountLine(String id, String name, String type) {
    }

    /** Every account (admins), by name. */
    @Transactional
    public List<AccountLine> accounts(Caller caller) {
        access.requireAdmin(caller);
        return Account.<Account>listAll(io.quarkus.panache.common.Sort.by("name")).stream()
                .map(a -> new AccountLine(a.id, a.name, a.type.name())).toList();
    }

    /** One account (admins); 404 when unknown. */
    @Transactional
    public AccountLine account(Caller caller, String accountId) {
        access.requireAdmin(caller);
        Account a = Ids.isValid(accountId) ? Account.findById(accountId) : null;
        if (a == null) {
            throw new NotFoundException("account", accountId);
        }
        return new AccountLine(a.id, a.name, a.type.name());
    }

    /** The default limits (admins). */
    @Transactional
    public Map<QuotaKind, Long> defaults(Caller caller) {
        access.requireAdmin(caller);
        return scope(DEFAULT_SCOPE);
    }

    /**
     * Sets limits of an account, or the defaults ({@code accountId} null), admins only: each kind's limit is a number
     * from -1 (no limit) up; a null value removes the account's own limit (the default applies again). 400 per kind.
     */
    @Audited("quota.update")
    @Transactional
    public void set(Caller caller, String accountId, Map<String, Long> limits) {
        access.requireAdmin(caller);
        String scope = accountId == null ? DEFAULT_SCOPE : accountId;
        if (accountId != null && (!Ids.isValid(accountId)
                || rows("SELECT id FROM account WHERE id = ?1", accountId).isEmpty())) {
            throw new NotFoundException("account", accountId);
        }
        Validation v = Validation.start();
        Map<QuotaKind, Long> parsed = new EnumMap<>(QuotaKind.class);
        Map<String, Long> given = limits == null ? Map.of() : limits;
        for (Map.Entry<String, Long> e : given.entrySet()) {
            QuotaKind kind = kind(e.getKey());
            v.check(kind != null, e.getKey(), Text.of(IamMessages.class, m -> m.error_quota_kind()));
            v.check(e.getValue() == null || e.getValue() >= -1, e.getKey(),
                    Text.of(IamMessages.class, m -> m.error_quota_value()));
            if (kind != null) {
                parsed.put(kind, e.getValue());
            }
        }
        v.throwIfAny();
        Instant now = Instant.now();
        for (Map.Entry<QuotaKind, Long> e : parsed.entrySet()) {
            if (e.getValue() == null) {
                em.createNativeQuery("DELETE FROM quota_limit WHERE scope = ?1 AND kind = ?2").setParameter(1, scope)
                        .setParameter(2, e.getKey().name()).executeUpdate();
            } else {
                em.createNativeQuery("INSERT INTO quota_limit (scope, kind, max_value, updated_at) VALUES (?1, ?2, ?3,"
                        + " ?4) ON DUPLICATE KEY UPDATE max_value = ?3, updated_at = ?4").setParameter(1, scope)
                        .setParameter(2, e.getKey().name()).setParameter(3, e.getValue()).setParameter(4, now)
                        .executeUpdate();
            }
        }
        audit.success(caller, "quota.update", AuditTarget.of(TYPE, scope, scope, accountId), parsed.toString());
    }

    /** The kind named (any case), or null. */
    static QuotaKind kind(String name) {
        try {
            return name == null ? null : QuotaKind.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The account's limits: its own over the defaults, in one statement. */
    private Map<QuotaKind, Long> limits(String accountId) {
        Map<QuotaKind, Long> out = new EnumMap<>(QuotaKind.class);
        Map<QuotaKind, Long> own = new EnumMap<>(QuotaKind.class);
        List<Object[]> all = sql.flushedQuery("SELECT scope, kind, max_value FROM quota_limit WHERE scope IN (?, ?)",
                DEFAULT_SCOPE, accountId);
        for (Object[] r : all) {
            QuotaKind k = kind((String) r[1]);
            if (k != null) {
                (DEFAULT_SCOPE.equals(r[0]) ? out : own).put(k, ((Number) r[2]).longValue());
            }
        }
        out.putAll(own);
        return out;
    }

    private Map<QuotaKind, Long> scope(String scope) {
        Map<QuotaKind, Long> out = new EnumMap<>(QuotaKind.class);
        for (Object[] r : rows("SELECT kind, max_value FROM quota_limit WHERE scope = ?1", scope)) {
            QuotaKind k = kind((String) r[0]);
            if (k != null) {
                out.put(k, ((Number) r[1]).longValue());
            }
        }
        return out;
    }

    private Map<QuotaKind, Long> usage(String accountId) {
        Map<QuotaKind, Long> out = new EnumMap<>(QuotaKind.class);
        for (QuotaUsage u : usages) {
            u.usage(accountId).forEach((k, n) -> out.merge(k, n, Long::sum));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, String param) {
        List<?> r = em.createNativeQuery(sql).setParameter(1, param).getResultList();
        List<Object[]> out = new ArrayList<>();
        for (Object o : r) {
            out.add(o instanceof Object[] a ? a : new Object[]{o});
        }
        return out;
    }

}
