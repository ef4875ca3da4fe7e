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

/** A volume size in GiB that tenants pick for a data volume. Names are unique. Owned by admin. */
@Entity
@DynamicUpdate
@Table(name = "disk_offering")
public class DiskOffering extends PanacheEntityBase {

    @Id
    public String id;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(name = "size_gib", nullable = false)
    public int sizeGib;
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
