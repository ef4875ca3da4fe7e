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
 * ({@code <path>/volumes}). Type NFS (issue 12): the export {@link #path} of {@link #server}, shared by every host of
 * the attached clusters: one capacity ({@link #totalBytes}, {@link #availableBytes}), one image cache, files named by
 * {@code nfs://} URLs ({@link #root()}). Type Ceph: the pool {@link #path} of the cluster whose monitors are
 * {@link #server}, reached as {@link #cephUser} with the sealed key {@link #secretSealed}; shared like NFS, volumes and
 * cached images are RBD images named by {@code rbd://} locations. Type iSCSI: the target {@link #path} (its IQN) at the
 * portal {@link #server}; each volume is one whole LUN ({@code iscsi_lun}, {@link IscsiLuns}), named
 * {@code iscsi://portal/iqn/lun}; images are cached per host, on the host's own disk ({@link #cacheRoot()}), and
 * written onto a LUN when a root volume is made.
 */
@Entity
@DynamicUpdate
@Table(name = "primary_storage")
public class PrimaryStorage extends PanacheEntityBase {

    public static final String LOCAL = "Local";
    public static final String NFS = "NFS";
    public static final String CEPH = "Ceph";
    public static final String ISCSI = "iSCSI";
    /**
     * Where hosts keep the image cache of an iSCSI storage ({@code
     *
    <dir>
     * /<storage id>/images}).
     */
    public static final String ISCSI_CACHE_DIR = "/var/lib/nubis/iscsi";
    public static final String ENABLED = "Enabled";
    public static final String DISABLED = "Disabled";
    /** Going into maintenance: a {@code primarystorage.maintenance} job stops or waits for the VMs using it. */
    public static final String PRE_MAINTENANCE = "PreMaintenance";
    /** No VM uses it; none starts, no new volumes: it may be taken down. */
    public static final String MAINTENANCE = "Maintenance";

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
    /** {@code Enabled}, {@code Disabled} (no new volumes on it), {@code PreMaintenance} or {@code Maintenance}. */
    @Column(nullable = false)
    public String state = ENABLED;
    /** How much of its size it may promise, in percent (100: no over-provisioning; up to 1000). */
    @Column(name = "overprovision_percent", nullable = false)
    public int overprovisionPercent = 100;
    /**
     * NFS: the server's host name or IPv4 address; Ceph: the monitors ({@code host[:port],...}); iSCSI: the portal
     * ({@code host[:port]}); null for Local.
     */
    public String server;
    /** Ceph: the cephx user (without {@code client.}). */
    @Column(name = "ceph_user")
    public String cephUser;
    /** Ceph: the user's key, sealed by the platform's SecretBox; never shown. */
    @Column(name = "secret_sealed")
    public String secretSealed;
    /** Shared types: the file system's size, and what Nubis may still reserve; null for Local. */
    @Column(name = "total_bytes")
    public Long totalBytes;
    @Column(name = "available_bytes")
    public Long availableBytes;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether every host of the attached clusters sees the same files (no per-host capacity or cache). */
    public boolean shared() {
        return !LOCAL.equals(type);
    }

    /**
     * Whether each host keeps its own image cache (Local, and iSCSI, whose LUNs hold volumes only): cache rows per
     * host, cleaned per host.
     */
    public boolean hostCache() {
        return LOCAL.equals(type) || ISCSI.equals(type);
    }

    /** The folder whose {@code images/} holds the image cache: {@link #root()}, or on iSCSI a folder of each host. */
    public String cacheRoot() {
        return ISCSI.equals(type) ? ISCSI_CACHE_DIR + "/" + id : root();
    }

    /**
     * Where its files are, as hosts' storage drivers name them: the directory for Local, {@code nfs://server/export}
     * for NFS, {@code rbd://user@monitors/pool} for Ceph.
     */
    public String root() {
        return root(type, server, path, cephUser);
    }

    /** {@link #root()} from the columns, for a read that has them without the entity. */
    static String root(String type, String server, String path, String cephUser) {
        if (ISCSI.equals(type)) {
            return io.nubis.driver.IscsiLocation.root(io.nubis.driver.IscsiLocation.portal(server), path);
        }
        if (CEPH.equals(type)) {
            return io.nubis.driver.RbdLocation.root(cephUser, io.nubis.driver.RbdLocation.monitors(server), path);
        }
        return NFS.equals(type) ? "nfs://" + server + path : path;
    }
}
