package io.nubis.offering;

/** How the host allocator picks a host for a VM of an offering, among the hosts that have room for it. */
public enum AllocatorStrategy {
    /** The host with the most free memory (then CPUs): spreads VMs evenly over the cluster. */
    LeastUsed,
    /**
     * The first host in a stable order (by name) that has room: packs VMs onto few hosts and leaves others empty for
     * big VMs or maintenance.
     */
    FirstFit
}
