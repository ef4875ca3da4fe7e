package io.nubis.network;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One address of an L3 network held by one owner. Written only by {@link IpamService} (with plain SQL, see there); the
 * entity serves reads.
 */
@Entity
@Table(name = "ip_allocation")
public class IpAllocation extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "l3_id", nullable = false)
    public String l3Id;
    @Column(nullable = false)
    public String ip;
    @Column(name = "ip_value", nullable = false)
    public long ipValue;
    @Column(name = "owner_type", nullable = false)
    public String ownerType;
    @Column(name = "owner_id", nullable = false)
    public String ownerId;
    public String mac;
    public String hostname;
    @Column(name = "host_id")
    public String hostId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
