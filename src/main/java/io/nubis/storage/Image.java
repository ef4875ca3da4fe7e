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
 * A disk or ISO image kept on a backup storage at {@code <root>/images/<id>.<format>} (Nubis chooses the path). Shared
 * images (registered by admins) are visible to every account; others only to their owner.
 */
@Entity
@DynamicUpdate
@Table(name = "image")
public class Image extends PanacheEntityBase {

    @Id
    public String id;
    @Column(nullable = false)
    public String name;
    public String description;
    /** raw, qcow2 or iso. */
    @Column(nullable = false)
    public String format;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ImageStatus status;
    /** Why the image is in its status, for admins (a failed job's technical detail). */
    @Column(name = "status_reason")
    public String statusReason;
    /** What non-admins read instead of {@link #statusReason}: a text for people; null shows no reason. */
    @Column(name = "status_reason_public")
    public String statusReasonPublic;
    @Column(name = "backup_storage_id", nullable = false)
    public String backupStorageId;
    @Column(nullable = false)
    public String path;
    @Column(name = "source_url")
    public String sourceUrl;
    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;
    @Column(name = "virtual_size_bytes", nullable = false)
    public long virtualSizeBytes;
    public String sha256;
    @Column(nullable = false)
    public boolean shared;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
