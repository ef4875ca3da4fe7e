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

/** An L2 network attached to a cluster of its zone (table l2_cluster). Removed with the cluster or the L2 network. */
@Entity
@DynamicUpdate
@Table(name = "l2_cluster")
public class L2Attachment extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "l2_id", nullable = false)
    public String l2Id;
    @Column(name = "cluster_id", nullable = false)
    public String clusterId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AttachmentState state;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
