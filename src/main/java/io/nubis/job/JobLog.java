package io.nubis.job;

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

/** A line of a job's log: step transitions, driver output on failure, rollback results; see {@link LogAudience}. */
@Entity
@Table(name = "job_log")
public class JobLog extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "job_id", nullable = false)
    public String jobId;
    @Column(nullable = false)
    public Instant at;
    @Column(nullable = false)
    public String level;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LogAudience audience;
    @Column(nullable = false)
    public String message;
}
