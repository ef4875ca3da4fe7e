package io.nubis.vm;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** A tenant's virtual machine. The hypervisor knows it as {@code nubis-<id>}; its name is only a label. */
@Entity
@DynamicUpdate
@Table(name = "vm_instance")
public class VmInstance extends PanacheEntityBase {

    @Id
    public String id;
    @Column(nullable = false)
    public String name;
    public String description;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "zone_id")
    public String zoneId;
    @Column(name = "cluster_id")
    public String clusterId;
    @Column(name = "host_id")
    public String hostId;
    /** While it migrates (issue 12): the host whose capacity is reserved for it; null otherwise. */
    @Column(name = "migration_host_id")
    public String migrationHostId;
    @Column(name = "offering_id", nullable = false)
    public String offeringId;
    @Column(name = "image_id", nullable = false)
    public String imageId;
    /** The ISO in the VM's CD-ROM drive (issue 8), or null when the drive is empty. */
    @Column(name = "iso_image_id")
    public String isoImageId;
    @Column(nullable = false)
    public int cpus;
    @Column(name = "memory_mib", nullable = false)
    public long memoryMib;
    /** Volume capacity a VM being created will take (root and data), counted against its account's quota until then. */
    @Column(name = "planned_volume_bytes", nullable = false)
    public long plannedVolumeBytes;
    @Column(name = "root_volume_id")
    public String rootVolumeId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VmState state;
    /** Why the VM is in its state, for admins (a failed job's technical detail, the reconciler's finding). */
    @Column(name = "state_reason")
    public String stateReason;
    /** What the VM's owner reads instead of {@link #stateReason}: a text for people; null shows no reason. */
    @Column(name = "state_reason_public")
    public String stateReasonPublic;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
