package io.nubis.iam;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import org.hibernate.annotations.DynamicUpdate;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A Keycloak user as Nubis knows it: its subject, user name and the account it acts for. */
@Entity
@DynamicUpdate
@Table(name = "iam_user")
public class IamUser extends PanacheEntityBase {

    @Id
    public String id;
    @Column(nullable = false)
    public String subject;
    @Column(nullable = false)
    public String username;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
