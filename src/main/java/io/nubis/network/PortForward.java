package io.nubis.network;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A port-forwarding rule of a private network's router: public port range -> a VM NIC address and ports. */
@Entity
@Table(name = "port_forward")
public class PortForward extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "l3_id", nullable = false)
    public String l3Id;
    @Column(nullable = false)
    public String protocol;
    @Column(name = "public_start", nullable = false)
    public int publicStart;
    @Column(name = "public_end", nullable = false)
    public int publicEnd;
    @Column(name = "private_ip", nullable = false)
    public String privateIp;
    @Column(name = "private_start", nullable = false)
    public int privateStart;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
