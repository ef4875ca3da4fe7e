package io.nubis.iam;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One audited mutation: who, what, on which target, with what result, when. Append-only. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false)
    public Instant at;
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "account_name")
    public String accountName;
    @Column(name = "user_name")
    public String userName;
    @Column(nullable = false)
    public String action;
    @Column(name = "target_type")
    public String targetType;
    @Column(name = "target_id")
    public String targetId;
    @Column(name = "target_name")
    public String targetName;
    @Column(name = "target_account_id")
    public String targetAccountId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuditResult result;
    public String detail;
    @Column(name = "job_id")
    public String jobId;
}
