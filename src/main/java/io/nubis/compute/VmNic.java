package io.nubis.compute;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** A VM's network interface on one L3 network: its MAC (unique cloud-wide) and the IP IPAM gave it. */
@Entity
@DynamicUpdate
@Table(name = "vm_nic")
public class VmNic extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "vm_id", nullable = false)
    public String vmId;
    @Column(name = "l3_id", nullable = false)
    public String l3Id;
    @Column(name = "device_index", nullable = false)
    public int deviceIndex;
    @Column(nullable = false)
    public String mac;
    public String ip;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
