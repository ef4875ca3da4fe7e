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
 * The virtual router of a private L3 network (issue 10): the host it runs on and its address on the public network (an
 * IP allocation of that network, owner type {@value RouterService#OWNER}, owner id = this id).
 */
@Entity
@DynamicUpdate
@Table(name = "virtual_router")
public class VirtualRouter extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "l3_id", nullable = false)
    public String l3Id;
    @Column(name = "public_l3_id", nullable = false)
    public String publicL3Id;
    @Column(name = "host_id")
    public String hostId;
    @Column(name = "public_ip")
    public String publicIp;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RouterState state;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
