package io.nubis.job;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import org.hibernate.annotations.DynamicUpdate;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One infrastructure operation on one resource. See {@link JobState} and docs/jobs.md. */
@Entity
@DynamicUpdate
@Table(name = "job")
public class Job extends PanacheEntityBase {

    @Id
    public String id;
    /**
     * Submission order (AUTO_INCREMENT): jobs of one resource run in this order. Only the database reads it (ORDER BY);
     * it is not read back after an insert (one statement less per job), so a job persisted in this session has none.
     */
    @Column(insertable = false, updatable = false)
    public Long seq;
    /** Workflow type, e.g. {@code host.add}. */
    @Column(nullable = false)
    public String type;
    @Column(name = "resource_type", nullable = false)
    public String resourceType;
    @Column(name = "resource_id", nullable = false)
    public String resourceId;
    @Column(name = "resource_name")
    public String resourceName;
    /** Account that owns the job (the resource owner's account). */
    @Column(name = "account_id", nullable = false)
    public String accountId;
    /** Account and user that submitted it, for the audit trail. */
    @Column(name = "caller_account_id")
    public String callerAccountId;
    @Column(name = "caller_account_name")
    public String callerAccountName;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "user_name")
    public String userName;
    @Column(name = "caller_admin", nullable = false)
    public boolean callerAdmin;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobState state;
    @Column(name = "step_name")
    public String stepName;
    /** Index of the step running now (forward) or being undone (rollback). */
    @Column(name = "step_index", nullable = false)
    public int stepIndex;
    @Column(name = "step_count", nullable = false)
    public int stepCount;
    @Column(nullable = false)
    public int percent;
    /** The cause of a failure for admins, with notes about a failed rollback (docs/jobs.md). */
    public String error;
    /** The cause written for people, which tenants read instead of {@link #error}; null when there is none. */
    @Column(name = "public_error")
    public String publicError;
    /** Immutable input of the workflow, JSON object of strings. */
    public String params;
    /** Values steps record for later steps and for rollback, JSON object of strings, saved after every step. */
    public String context;
    @Column(name = "lease_owner")
    public String leaseOwner;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(nullable = false)
    public int attempts;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
