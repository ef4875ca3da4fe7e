package io.nubis.iam;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** A named policy of one account: its statements as JSON ({@link PolicyStatement}). */
@Entity
@DynamicUpdate
@Table(name = "iam_policy")
public class IamPolicy extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(nullable = false)
    public String statements;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
