package io.nubis.compute;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import org.hibernate.annotations.DynamicUpdate;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Hosts of one hypervisor type in one zone; names are unique within the zone. */
@Entity
@DynamicUpdate
@Table(name = "cluster")
public class Cluster extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "zone_id", nullable = false)
    public String zoneId;
    @Column(nullable = false)
    public String name;
    public String description;
    /** The driver type of its hosts, e.g. Simulator or KVM. */
    @Column(name = "hypervisor_type", nullable = false)
    public String hypervisorType;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ZoneState state;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
