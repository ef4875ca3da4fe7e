package io.nubis.offering;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** A VM size: CPUs and memory (MiB), plus how the allocator places such VMs. Names are unique. Owned by admin. */
@Entity
@DynamicUpdate
@Table(name = "instance_offering")
public class InstanceOffering extends PanacheEntityBase {

    @Id
    public String id;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(nullable = false)
    public int cpus;
    @Column(name = "memory_mib", nullable = false)
    public long memoryMib;
    @Enumerated(EnumType.STRING)
    @Column(name = "allocator_strategy", nullable = false)
    public AllocatorStrategy allocatorStrategy;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OfferingState state;
    @Column(nullable = false)
    public boolean shared;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
