package io.nubis.network;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** An elastic IP of a private network: a public address, bound 1:1 to a VM NIC address of the network or to none. */
@Entity
@DynamicUpdate
@Table(name = "elastic_ip")
public class ElasticIp extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "l3_id", nullable = false)
    public String l3Id;
    @Column(name = "public_l3_id", nullable = false)
    public String publicL3Id;
    @Column(nullable = false)
    public String ip;
    @Column(name = "private_ip")
    public String privateIp;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
