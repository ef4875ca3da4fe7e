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

/**
 * A disk of a VM on local primary storage: a root volume (a qcow2 linked clone of a cached image) or a data volume (an
 * empty qcow2 file, attached to at most one VM at a time).
 */
@Entity
@DynamicUpdate
@Table(name = "volume")
public class Volume extends PanacheEntityBase {

    public static final String ROOT = "Root";
    public static final String DATA = "Data";

    @Id
    public String id;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(nullable = false)
    public String type;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VolumeStatus status;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "vm_id")
    public String vmId;
    /** The device index on the VM while a data volume is attached (1..8: vdb..vdi); null for root volumes. */
    @Column(name = "device_index")
    public Integer deviceIndex;
    @Column(name = "primary_storage_id", nullable = false)
    public String primaryStorageId;
    @Column(name = "host_id", nullable = false)
    public String hostId;
    @Column(name = "image_id")
    public String imageId;
    @Column(name = "disk_offering_id")
    public String diskOfferingId;
    @Column(nullable = false)
    public String path;
    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;
    /** The snapshot the volume was last taken from or reverted to: the parent of its next snapshot (issue 8). */
    @Column(name = "current_snapshot_id")
    public String currentSnapshotId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
