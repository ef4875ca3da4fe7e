package io.nubis.iam;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** A personal API token: its owner, name, the SHA-256 of its value (never the value) and its expiry. */
@Entity
@DynamicUpdate
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "user_id", nullable = false)
    public String userId;
    @Column(nullable = false)
    public String name;
    @Column(name = "token_hash", nullable = false)
    public String tokenHash;
    @Column(nullable = false)
    public String prefix;
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
