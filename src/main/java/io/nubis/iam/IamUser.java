package io.nubis.iam;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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
    public String email;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UserRole role;
    @Column(nullable = false)
    public boolean disabled;
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
