package io.nubis.network;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A backend of a load balancer: a VM NIC address of the network, a port and a weight. */
@Entity
@Table(name = "load_balancer_backend")
public class LoadBalancerBackend extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "load_balancer_id", nullable = false)
    public String loadBalancerId;
    @Column(nullable = false)
    public String ip;
    @Column(nullable = false)
    public int port;
    @Column(nullable = false)
    public int weight;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
