package io.nubis.iam;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import org.hibernate.annotations.DynamicUpdate;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant (or the admin account). Every resource row names its owning account. */
@Entity
@DynamicUpdate
@Table(name = "account")
public class Account extends PanacheEntityBase {

    /** Id of the built-in admin account, created by the first migration. */
    public static final String ADMIN_ID = Accounts.ADMIN_ID;

    @Id
    public String id;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AccountType type;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AccountState state;
    public String description;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
