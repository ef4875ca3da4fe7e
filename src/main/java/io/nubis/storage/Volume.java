package io.nubis.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** A disk of a VM: for now only root volumes, qcow2 linked clones of a cached image on local primary storage. */
@Entity
@DynamicUpdate
@Table(name = "volume")
public class Volume extends PanacheEntityBase {

    public static final String ROOT = "Root";

    @Id
    public String id;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String type;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VolumeStatus status;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "vm_id")
    public String vmId;
    @Column(name = "primary_storage_id", nullable = false)
    public String primaryStorageId;
    @Column(name = "host_id", nullable = false)
    public String hostId;
    @Column(name = "image_id")
    public String imageId;
    @Column(nullable = false)
    public String path;
    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
