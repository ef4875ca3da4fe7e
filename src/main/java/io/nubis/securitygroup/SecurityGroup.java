package io.nubis.securitygroup;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A security group of an account: its rules allow traffic to and from its member NICs. */
@Entity
@Table(name = "security_group")
public class SecurityGroup extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
