package io.nubis.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A copy of an image in a host's cache of a local primary storage: {@code <ps path>/images/<imageId>.<format>}. */
@Entity
@Table(name = "image_cache")
public class ImageCache extends PanacheEntityBase {

    public static final String READY = "Ready";

    @Id
    public String id;
    @Column(name = "primary_storage_id", nullable = false)
    public String primaryStorageId;
    @Column(name = "host_id", nullable = false)
    public String hostId;
    @Column(name = "image_id", nullable = false)
    public String imageId;
    @Column(nullable = false)
    public String path;
    @Column(nullable = false)
    public String status;
    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
