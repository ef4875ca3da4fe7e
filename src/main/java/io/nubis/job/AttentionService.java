package io.nubis.job;

import io.nubis.platform.DbTime;
import io.nubis.platform.Rows;
import io.nubis.platform.Text;
import io.nubis.iam.AccessControl;
import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Caller;
import io.nubis.platform.ConflictException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Page;
import io.nubis.platform.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The needs-attention list (issue 7): every job that ends Failed, that is whose clean-up did not finish (a rollback
 * threw, or the resource could not be put into its failed state), gets an entry with the error, in the job's final
 * transaction. An admin retries the clean-up (the job is re-opened as RollingBack and recovery rolls back every step
 * again: rollbacks are idempotent and tolerate work that never happened, docs/jobs.md) or dismisses the entry after
 * cleaning up by hand. A retry that cleans up resolves the entry; one that fails again re-opens it with the new error.
 * Admins only: entries carry the technical detail.
 */
@ApplicationScoped
public class AttentionService {

    static final String TYPE = "attention";
    /** Context key a retry adds to the re-opened job, so its end settles the entry (no lookup for other jobs). */
    static final String RETRY_KEY = "nubis.attentionRetry";

    @Inject
    EntityManager em;
    @Inject
    AccessControl access;
    @Inject
    AuditLog audit;
    @Inject
    JobService jobs;

    @Transactional
    public Page<AttentionView> list(Caller caller, AttentionState state, PageRequest pr) {
        access.requireAdmin(caller);
        Sort sort = Sort.descending("createdAt");
        PanacheQuery<AttentionItem> q = state == null
                ? AttentionItem.find("state in ?1", sort, List.of(AttentionState.Open, AttentionState.Retrying))
                : AttentionItem.find("state", sort, state);
        List<AttentionView> items = q.page(pr.page() - 1, pr.size()).list().stream().map(AttentionView::of).toList();
        return new Page<>(items, pr.page(), pr.size(), state == null
                ? AttentionItem.count("state in ?1", List.of(AttentionState.Open, AttentionState.Retrying))
                : AttentionItem.count("state", state));
    }

    /** How many entries are Open or Retrying (the dashboard and the navigation show it). */
    @Transactional
    public long openCount(Caller caller) {
        if (!caller.admin()) {
            return 0;
        }
        return Rows.count(AttentionItem.class, "state in ?1", List.of(AttentionState.Open, AttentionState.Retrying));
    }

    @Transactional
    public AttentionView get(Caller caller, String id) {
        access.requireAdmin(caller);
        return AttentionView.of(find(id));
    }

    /**
     * Re-opens the entry's job for another rollback: takes the resource's lock again (409 while another job holds it),
     * puts the job back to RollingBack from its last step with the original cause (without the notes of the failed
     * rollback), lease free, so the job recovery picks it up within one recovery interval.
     */
    @Transactional
    public AttentionView retry(Caller caller, String id) {
        AttentionItem a = openEntry(caller, id);
        Job job = Job.findById(a.jobId);
        if (job == null || job.state != JobState.Failed) {
            throw new ConflictException(
                    Text.of(JobMessages.class, m -> m.error_attention_not_open(job == null ? "-" : job.state.name())));
        }
        Instant now = Instant.now();
        int locked = em.createNativeQuery("INSERT IGNORE INTO resource_lock (resource_id, job_id, locked_at)"
                + " VALUES (:resource, :job, :now)").setParameter("resource", job.resourceId)
                .setParameter("job", job.id).setParameter("now", DbTime.of(now)).executeUpdate();
        if (locked != 1) {
            throw new ConflictException(Text.of(JobMessages.class,
                    m -> m.error_attention_resource_busy(a.resourceName == null ? a.resourceId : a.resourceName)));
        }
        Map<String, String> context = new LinkedHashMap<>(jobs.fromJson(job.context));
        context.put(RETRY_KEY, a.id);
        job.context = jobs.toJson(context);
        job.state = JobState.RollingBack;
        job.error = JobErrors.originalCause(job.error);
        job.stepIndex = Math.max(0, job.stepCount - 1);
        job.finishedAt = null;
        job.leaseOwner = null;
        job.leaseUntil = null;
        job.updatedAt = now;
        a.state = AttentionState.Retrying;
        a.retries++;
        a.closedBy = caller.username();
        a.updatedAt = now;
        em.createNativeQuery("INSERT INTO job_log (job_id, at, level, audience, message)"
                + " VALUES (:job, :at, 'WARN', 'ADMIN', :message)").setParameter("job", job.id)
                .setParameter("at", DbTime.of(now))
                .setParameter("message", "administrator " + caller.username() + " retried the clean-up: every step is"
                        + " rolled back again, from the last one")
                .executeUpdate();
        audit.success(caller, "attention.retry", target(a), "job " + job.id);
        return AttentionView.of(a);
    }

    /** Closes an Open entry without a retry: the admin cleaned up by hand. The job stays Failed. */
    @Transactional
    public AttentionView dismiss(Caller caller, String id) {
        AttentionItem a = openEntry(caller, id);
        Instant now = Instant.now();
        a.state = AttentionState.Dismissed;
        a.closedAt = now;
        a.closedBy = caller.username();
        a.updatedAt = now;
        audit.success(caller, "attention.dismiss", target(a), "job " + a.jobId);
        return AttentionView.of(a);
    }

    /**
     * In the final transaction of a job ({@link JobFinisher}): a Failed job opens (or re-opens) its entry; a retried
     * job that ended otherwise resolves it. Costs no statement for a job that neither failed nor was retried.
     */
    void settle(JobSnapshot job, JobState end, String error, Map<String, String> context) {
        boolean retried = context.containsKey(RETRY_KEY);
        if (end != JobState.Failed && !retried) {
            return;
        }
        Instant now = Instant.now();
        AttentionItem a = AttentionItem.find("jobId", job.id()).firstResult();
        if (end == JobState.Failed) {
            if (a == null) {
                a = new AttentionItem();
                a.id = UUID.randomUUID().toString();
                a.jobId = job.id();
                a.jobType = job.type();
                a.resourceType = job.resourceType();
                a.resourceId = job.resourceId();
                a.resourceName = job.resourceName();
                a.accountId = job.accountId();
                a.createdAt = now;
            }
            a.state = AttentionState.Open;
            a.error = error;
            a.closedAt = null;
            a.updatedAt = now;
            if (!a.isPersistent()) {
                a.persist();
            }
        } else if (a != null && !a.state.closed()) {
            a.state = AttentionState.Resolved;
            a.closedAt = now;
            a.updatedAt = now;
        }
    }

    /** The entry, locked for this transaction, when the caller is an admin and the entry is Open (else 409). */
    private AttentionItem openEntry(Caller caller, String id) {
        access.requireAdmin(caller);
        AttentionItem a = lock(id);
        if (a.state != AttentionState.Open) {
            throw new ConflictException(Text.of(JobMessages.class, m -> m.error_attention_not_open(a.state.name())));
        }
        return a;
    }

    private AttentionItem lock(String id) {
        if (id == null || em.createNativeQuery("SELECT id FROM attention_item WHERE id = :id FOR UPDATE")
                .setParameter("id", id).getResultList().isEmpty()) {
            throw new NotFoundException(TYPE, id);
        }
        return find(id);
    }

    private static AttentionItem find(String id) {
        AttentionItem a = id == null ? null : AttentionItem.findById(id);
        if (a == null) {
            throw new NotFoundException(TYPE, id);
        }
        return a;
    }

    private static AuditTarget target(AttentionItem a) {
        return AuditTarget.of(a.resourceType, a.resourceId, a.resourceName, a.accountId);
    }
}
