package io.nubis.network;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Addresses of an L3 network that IPAM may hand out, both ends included. Ranges of one L3 never overlap. */
@Entity
@Table(name = "ip_range")
public class IpRange extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "l3_id", nullable = false)
    public String l3Id;
    @Column(name = "start_ip", nullable = false)
    public String startIp;
    @Column(name = "end_ip", nullable = false)
    public String endIp;
    @Column(name = "start_value", nullable = false)
    public long startValue;
    @Column(name = "end_value", nullable = false)
    public long endValue;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public long size() {
        return endValue - startValue + 1;
    }
}
