package io.nubis.network;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A load balancer of a private network: a listener on its router's public address and the backends behind it. */
@Entity
@Table(name = "load_balancer")
public class LoadBalancer extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "l3_id", nullable = false)
    public String l3Id;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String protocol;
    @Column(nullable = false)
    public int port;
    @Column(nullable = false)
    public String algorithm;
    /** An address of the private network the listener binds, or null: the router's public address. */
    public String vip;
    @Column(name = "check_seconds", nullable = false)
    public int checkSeconds;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
