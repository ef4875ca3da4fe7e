package io.nubis.job;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One job whose clean-up did not finish (it ended Failed): what the needs-attention list shows. See docs/jobs.md. */
@Entity
@Table(name = "attention_item")
public class AttentionItem extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "job_id", nullable = false)
    public String jobId;
    @Column(name = "job_type", nullable = false)
    public String jobType;
    @Column(name = "resource_type", nullable = false)
    public String resourceType;
    @Column(name = "resource_id", nullable = false)
    public String resourceId;
    @Column(name = "resource_name")
    public String resourceName;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AttentionState state;
    /** The job's error as it ended (the technical detail, with the rollback notes). */
    public String error;
    @Column(nullable = false)
    public int retries;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    /** The admin who dismissed the entry, or who started the retry that resolved it. */
    @Column(name = "closed_by")
    public String closedBy;
}
