package io.nubis.iam;

/**
 * What an account's quotas count (issue 9). Each kind is counted by the feature that owns the resources, through a
 * {@link QuotaUsage} bean; the limits are stored by name, so a new kind needs no migration.
 */
public enum QuotaKind {

    /** VM instances that are not destroyed. */
    VMS,
    /** Their virtual CPUs. */
    VCPUS,
    /** Their memory, in MiB. */
    MEMORY_MIB,
    /** Data volumes. */
    DATA_VOLUMES,
    /** The capacity of all volumes (root and data), in GiB, rounded up. */
    VOLUME_GIB,
    /** Volume snapshots. */
    SNAPSHOTS,
    /** Images the account owns. */
    IMAGES,
    /** Private L3 networks (each with its own VXLAN segment). */
    PRIVATE_NETWORKS,
    /** Elastic IPs held (addresses of public networks). */
    ELASTIC_IPS,
    /** Security groups (each holds up to 100 rules). */
    SECURITY_GROUPS,
    /** Load balancers on the account's private networks. */
    LOAD_BALANCERS;

    /** Bytes as whole GiB, rounded up: how {@link #VOLUME_GIB} counts capacity. */
    public static long gib(long bytes) {
        return (bytes + (1L << 30) - 1) >> 30;
    }
}
