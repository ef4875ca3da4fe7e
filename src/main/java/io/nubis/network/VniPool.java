package io.nubis.network;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A range of VXLAN network identifiers of a zone that tenants' private networks draw from, and (in
 * {@code vni_pool_cluster}) the clusters those networks reach. Ranges of one zone do not overlap.
 */
@Entity
@DynamicUpdate
@Table(name = "vni_pool")
public class VniPool extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "zone_id", nullable = false)
    public String zoneId;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(name = "vni_start", nullable = false)
    public int vniStart;
    @Column(name = "vni_end", nullable = false)
    public int vniEnd;
    /** The public L3 network the pool's networks reach the outside through (their routers), or null: no router. */
    @Column(name = "public_l3_id")
    public String publicL3Id;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
