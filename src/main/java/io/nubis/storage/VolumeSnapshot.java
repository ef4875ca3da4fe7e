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
 * A snapshot of a volume (issue 8): an internal qcow2 snapshot in the volume's file, tagged with this id. Its parent is
 * the snapshot the volume was last taken from or reverted to, so a volume's snapshots form a tree.
 */
@Entity
@DynamicUpdate
@Table(name = "volume_snapshot")
public class VolumeSnapshot extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "volume_id", nullable = false)
    public String volumeId;
    @Column(name = "parent_id")
    public String parentId;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(nullable = false)
    public String name;
    public String description;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SnapshotStatus status;
    /** The volume's virtual size when the snapshot was taken; reserved on the volume's host. */
    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;
    /** The order snapshots were asked for (database sequence). */
    @Column(insertable = false, updatable = false)
    public Long seq;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
