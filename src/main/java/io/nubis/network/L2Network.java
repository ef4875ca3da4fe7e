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
 * An L2 network of a zone: a Linux bridge on each host of the clusters it is attached to, with the uplink, an 802.1Q
 * sub-interface of it, or a VXLAN device as its way off the host. Names, bridge names and VNIs are unique in the zone.
 * Owned by the admin account, except the VXLAN L2 networks of tenants' private L3 networks (owned by the tenant).
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
    /** 802.1Q VLAN id (Vlan), else null. */
    @Column(name = "vlan_id")
    public Integer vlanId;
    /** VXLAN network identifier (Vxlan), else null. */
    public Integer vni;
    /** The VNI pool a private network's VXLAN L2 was drawn from, else null. */
    @Column(name = "vni_pool_id")
    public String vniPoolId;
    @Column(name = "bridge_name", nullable = false)
    public String bridgeName;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
