package io.nubis.iam;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** A group of users of one account; policies attached to it apply to its members. Mirrored in Keycloak. */
@Entity
@DynamicUpdate
@Table(name = "iam_group")
public class IamGroup extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
