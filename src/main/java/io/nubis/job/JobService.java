package io.nubis.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nubis.iam.AccessControl;
import io.nubis.iam.Caller;
import io.nubis.platform.ListOrder;
import io.nubis.platform.Ids;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Page;
import io.nubis.platform.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Submits jobs (inside the caller's transaction) and reads them back for the API and the portal. Every read takes the
 * {@link Caller}: it decides which jobs are visible and which view of a failure and of the log the caller gets (admins:
 * the technical detail and every log line; tenants: texts for people and public lines only).
 */
@ApplicationScoped
public class JobService {

    /** The orders the job list may be shown in (newest first by default: the job sequence). */
    public static final ListOrder ORDER = new ListOrder(java.util.Map.of("type", "type", "state", "state", "created",
            "seq"), "seq", true);

    static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    @Inject
    AccessControl access;
    @Inject
    ObjectMapper json;
    @Inject
    Event<JobSubmitted> submitted;
    @Inject
    io.nubis.platform.Sql sql;

    /**
     * Writes a Pending job in the current transaction, which must be the one that also writes the resource's
     * transitional state. A worker picks it up right after commit.
     *
     * @return the job id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String submit(Caller caller, JobRequest request) {
        Instant now = Instant.now();
        String id = Ids.newId();
        // plain JDBC: every create and action writes one (docs/architecture.md); Hibernate never holds a new job
        sql.update("INSERT INTO job (id, type, resource_type, resource_id, resource_name, account_id,"
                + " caller_account_id, caller_account_name, user_id, user_name, caller_admin, state, step_index,"
                + " step_count, percent, params, context, attempts, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, '{}', 0, ?, ?)", id, request.type(),
                request.resourceType(), request.resourceId(), request.resourceName(), request.ownerAccountId(),
                caller.accountId(), caller.accountName(), caller.userId(), caller.username(), caller.admin(),
                JobState.Pending.name(), toJson(request.params()), now, now);
        submitted.fire(new JobSubmitted(id));
        return id;
    }

    @Transactional
    public JobView get(Caller caller, String id) {
        Job job = Job.findById(id);
        if (job == null) {
            throw new NotFoundException("job", id);
        }
        access.requireAccess(caller, "job", id, job.accountId);
        return JobView.of(job, caller);
    }

    /** The job's log, oldest first: every line for admins, the {@link LogAudience#PUBLIC} ones for anyone else. */
    @Transactional
    public List<JobLogLine> log(Caller caller, String id) {
        get(caller, id);
        List<JobLog> lines = caller.admin()
                ? JobLog.list("jobId", Sort.ascending("id"), id)
                : JobLog.list("jobId = ?1 and audience = ?2", Sort.ascending("id"), id, LogAudience.PUBLIC);
        return lines.stream().map(l -> new JobLogLine(l.at, l.level, l.message, l.audience != LogAudience.PUBLIC))
                .toList();
    }

    /** Jobs that ended in {@code state} since {@code since}, cloud-wide (admins; issue 13 dashboard). */
    @Transactional
    public long countEnded(Caller caller, JobState state, java.time.Instant since) {
        access.requireAdmin(caller);
        return Job.count("state = ?1 and finishedAt >= ?2", state, since);
    }

    @Transactional
    public Page<JobView> list(Caller caller, JobFilter filter, PageRequest pr) {
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        access.listScope(caller).ifPresent(acc -> {
            where.add("accountId = :acc");
            p.and("acc", acc);
        });
        if (filter.state() != null) {
            where.add("state = :state");
            p.and("state", filter.state());
        }
        if (filter.resourceId() != null && !filter.resourceId().isBlank()) {
            where.add("resourceId = :rid");
            p.and("rid", filter.resourceId().trim());
        }
        if (filter.type() != null && !filter.type().isBlank()) {
            where.add("type like :type");
            p.and("type", filter.type().trim() + "%");
        }
        Sort sort = ORDER.sort(pr);
        String q = String.join(" and ", where);
        PanacheQuery<Job> query = q.isEmpty() ? Job.findAll(sort) : Job.find(q, sort, p);
        List<JobView> items = query.page(pr.page() - 1, pr.size()).list().stream().map(j -> JobView.of(j, caller))
                .toList();
        // a count of our own HQL: PanacheQuery.count() has Hibernate translate a new count query on every call
        return new Page<>(items, pr.page(), pr.size(), q.isEmpty() ? Job.count() : Job.count(q, p));
    }

    /** Latest jobs of one resource, newest first (resource detail pages). */
    @Transactional
    public List<JobView> forResource(Caller caller, String resourceId, int max) {
        return list(caller, new JobFilter(null, resourceId, null), new PageRequest(1, max)).items();
    }

    /**
     * Polls until the job reaches a final state or the timeout passes; returns the last state seen. For tests and for
     * callers that want to wait (the API never blocks on it).
     */
    public JobView await(Caller caller, String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobView v = get(caller, id);
        while (!v.done() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return v;
            }
            v = get(caller, id);
        }
        return v;
    }

    String toJson(Map<String, String> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("job params not serializable", e);
        }
    }

    Map<String, String> fromJson(String s) {
        if (s == null || s.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(s, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt job json: " + s, e);
        }
    }
}
