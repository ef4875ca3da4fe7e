package io.nubis.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * Where volumes live. Type Local: the same directory {@link #path} on every host of the attached clusters, each host
 * with its own capacity (table {@code local_storage_host}), image cache ({@code <path>/images}) and volumes
 * ({@code <path>/volumes}).
 */
@Entity
@DynamicUpdate
@Table(name = "primary_storage")
public class PrimaryStorage extends PanacheEntityBase {

    public static final String LOCAL = "Local";

    @Id
    public String id;
    @Column(name = "zone_id", nullable = false)
    public String zoneId;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(nullable = false)
    public String type;
    @Column(nullable = false)
    public String path;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
