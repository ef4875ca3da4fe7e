package io.nubis.iam;

import io.nubis.platform.Page;
import io.nubis.platform.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and lists audit events. Successful mutations are recorded inside the service's own transaction (so an event
 * exists exactly when the change does); failures and denials are recorded in a transaction of their own, because the
 * service's transaction rolls back.
 */
@ApplicationScoped
public class AuditLog {

    private static final int MAX_DETAIL = 1024;

    @Inject
    AccessControl access;
    @Inject
    io.nubis.platform.Sql sql;

    /** Records a completed change. Joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void success(Caller caller, String action, AuditTarget target, String detail) {
        persist(caller, action, target, AuditResult.SUCCESS, detail, null);
    }

    /** Records a change that a job will carry out. Joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accepted(Caller caller, String action, AuditTarget target, String jobId) {
        persist(caller, action, target, AuditResult.ACCEPTED, null, jobId);
    }

    /** Records a job's final outcome. Joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void jobOutcome(Caller caller, String action, AuditTarget target, boolean succeeded, String detail,
            String jobId) {
        persist(caller, action, target, succeeded ? AuditResult.SUCCESS : AuditResult.FAILURE, detail, jobId);
    }

    /** Records a refused or failed request in a new transaction (the request's own one rolls back). */
    public void failure(Caller caller, String action, AuditTarget target, AuditResult result, String detail) {
        QuarkusTransaction.requiringNew().run(() -> persist(caller, action, target, result, detail, null));
    }

    /**
     * One INSERT through {@link io.nubis.platform.Sql} in the caller's transaction: an event is written with every
     * mutation and twice per job, and the entity's persist (an identity insert that reads its key back) was a visible
     * share of the scale benchmark's profile. {@link AuditEvent} stays the entity that reads them.
     */
    private void persist(Caller caller, String action, AuditTarget target, AuditResult result, String detail,
            String jobId) {
        sql.update("INSERT INTO audit_event (at, account_id, account_name, user_name, action, target_type, target_id,"
                + " target_name, target_account_id, result, detail, job_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Instant.now(), caller.accountId(), caller.accountName(), caller.username(), action, target.type(),
                target.id(), target.name(), target.ownerAccountId(), result.name(),
                detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL), jobId);
    }

    /** Events with {@code result} since {@code since}, cloud-wide (admins; issue 13 dashboard: denied actions). */
    @Transactional
    public long countSince(Caller caller, AuditResult result, java.time.Instant since) {
        access.requireAdmin(caller);
        return AuditEvent.count("result = ?1 and at >= ?2", result, since);
    }

    /** The whole cloud's audit trail, newest first, for the portal's audit page. Admin-only. */
    @Transactional
    public Page<AuditEventView> listAll(Caller caller, AuditFilter filter, PageRequest pr) {
        access.requireAdmin(caller);
        return list(caller, filter, pr);
    }

    /** Lists events, newest first. Admins see all; other callers see events of their own account. */
    @Transactional
    public Page<AuditEventView> list(Caller caller, AuditFilter filter, PageRequest pr) {
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        access.listScope(caller).ifPresent(acc -> {
            where.add("(accountId = :scope or targetAccountId = :scope)");
            p.and("scope", acc);
        });
        if (filter.action() != null && !filter.action().isBlank()) {
            where.add("action like :action");
            p.and("action", filter.action().trim() + "%");
        }
        if (filter.targetId() != null && !filter.targetId().isBlank()) {
            where.add("targetId = :target");
            p.and("target", filter.targetId().trim());
        }
        if (filter.user() != null && !filter.user().isBlank()) {
            where.add("userName = :user");
            p.and("user", filter.user().trim());
        }
        if (filter.account() != null && !filter.account().isBlank()) {
            where.add("(accountName = :account or targetAccountId in "
                    + "(select a.id from Account a where a.name = :account))");
            p.and("account", filter.account().trim());
        }
        if (filter.targetType() != null && !filter.targetType().isBlank()) {
            where.add("targetType = :type");
            p.and("type", filter.targetType().trim());
        }
        if (filter.result() != null) {
            where.add("result = :result");
            p.and("result", filter.result());
        }
        String q = String.join(" and ", where);
        Sort sort = Sort.descending("id");
        PanacheQuery<AuditEvent> query = q.isEmpty() ? AuditEvent.findAll(sort) : AuditEvent.find(q, sort, p);
        List<AuditEventView> items = query.page(pr.page() - 1, pr.size()).list().stream().map(AuditEventView::of)
                .toList();
        return new Page<>(items, pr.page(), pr.size(), q.isEmpty() ? AuditEvent.count() : AuditEvent.count(q, p));
    }
}
