package io.nubis.network;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * An L2 network of a zone: a Linux bridge on each host of the clusters it is attached to, optionally enslaving a
 * physical interface. Names and bridge names are unique in the zone. Owned by the admin account.
 */
@Entity
@DynamicUpdate
@Table(name = "l2_network")
public class L2Network extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "zone_id", nullable = false)
    public String zoneId;
    @Column(nullable = false)
    public String name;
    public String description;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public L2Type type;
    /** Host interface enslaved to the bridge (the uplink), or null for a host-local bridge. */
    @Column(name = "physical_interface")
    public String physicalInterface;
    @Column(name = "bridge_name", nullable = false)
    public String bridgeName;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
