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
 * An IPv4 subnet on an L2 network. Addresses are handed out from its {@link IpRange}s by {@link IpamService}. A shared
 * L3 network (owned by the admin account) may be used by every tenant. CIDR and gateway never change after creation.
 */
@Entity
@DynamicUpdate
@Table(name = "l3_network")
public class L3Network extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "l2_id", nullable = false)
    public String l2Id;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(nullable = false)
    public String cidr;
    @Column(name = "network_value", nullable = false)
    public long networkValue;
    @Column(name = "prefix_length", nullable = false)
    public int prefixLength;
    public String gateway;
    /** Comma-separated IPv4 addresses, or null. */
    @Column(name = "dns_servers")
    public String dnsServers;
    @Column(nullable = false)
    public boolean shared;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public L3Kind kind;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NetworkState state;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Cidr subnet() {
        return new Cidr(networkValue, prefixLength);
    }
}
