package io.nubis.compute;

import io.nubis.platform.LockConflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Picks a host for a VM and reserves its CPUs and memory in the same transaction, under row locks, so concurrent
 * creations never overcommit a host. Candidates: Enabled + Connected hosts of Enabled clusters in the zone (optionally
 * of given clusters, e.g. those attached to the VM's networks), with enough available capacity. Hosts another
 * transaction is allocating on right now are skipped ({@code SKIP LOCKED}) rather than waited for.
 */
@ApplicationScoped
public class HostAllocator {

    /** How to choose among candidates. */
    public enum Strategy {
        /** The host with the most free memory (spreads VMs). */
        LeastUsed,
        /** The first host by name that fits (packs VMs). */
        FirstFit
    }

    /** How often an allocation that lost a deadlock against a concurrent one is tried again. */
    static final int ATTEMPTS = 5;

    @Inject
    EntityManager em;

    /**
     * Reserves {@code cpus} and {@code memoryMib} on a suitable host.
     *
     * @return the host id, or empty when no host can take the VM right now
     */
    public Optional<String> allocate(List<String> clusterIds, int cpus, long memoryMib, Strategy strategy) {
        return LockConflicts.retryInNewTransaction(ATTEMPTS, () -> reserve(clusterIds, cpus, memoryMib, strategy));
    }

    /**
     * Like {@link #allocate} but inside the caller's transaction (which then holds the host's row lock); the caller
     * retries on a lock conflict ({@link LockConflicts}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> reserve(List<String> clusterIds, int cpus, long memoryMib, Strategy strategy) {
        if (clusterIds.isEmpty()) {
            return Optional.empty();
        }
        // first skip hosts others are allocating on (parallelism); if that finds none, wait for them (correctness)
        List<String> ids = candidates(clusterIds, cpus, memoryMib, strategy, " FOR UPDATE SKIP LOCKED");
        if (ids.isEmpty()) {
            ids = candidates(clusterIds, cpus, memoryMib, strategy, " FOR UPDATE");
        }
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        String id = ids.get(0);
        int updated = em.createQuery("update Host set cpuAvailable = cpuAvailable - :cpus,"
                + " memoryAvailable = memoryAvailable - :mem, updatedAt = :now where id = :id"
                + " and cpuAvailable >= :cpus and memoryAvailable >= :mem").setParameter("cpus", cpus)
                .setParameter("mem", memoryMib).setParameter("now", Instant.now()).setParameter("id", id)
                .executeUpdate();
        return updated == 1 ? Optional.of(id) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private List<String> candidates(List<String> clusterIds, int cpus, long memoryMib, Strategy strategy,
            String lock) {
        String order = strategy == Strategy.FirstFit ? "h.name, h.id" : "h.memory_available DESC, h.id";
        // the cluster filter is a subquery so that only host rows are locked, not their cluster's row
        return em.createNativeQuery("SELECT h.id FROM host h WHERE h.cluster_id IN"
                + " (SELECT c.id FROM cluster c WHERE c.id IN (:clusters) AND c.state = 'Enabled')"
                + " AND h.state = 'Enabled' AND h.status = 'Connected'"
                + " AND h.cpu_available >= :cpus AND h.memory_available >= :mem"
                + " ORDER BY " + order + " LIMIT 1" + lock).setParameter("clusters", clusterIds)
                .setParameter("cpus", cpus).setParameter("mem", memoryMib).getResultList();
    }

    /** Returns capacity to a host (idempotence is the caller's: release once per successful allocate). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String hostId, int cpus, long memoryMib) {
        unreserve(hostId, cpus, memoryMib);
    }

    /** The cluster a host belongs to. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String clusterOf(String hostId) {
        Host h = Host.findById(hostId);
        return h == null ? null : h.clusterId;
    }

    /** Like {@link #release} inside the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unreserve(String hostId, int cpus, long memoryMib) {
        em.createQuery("update Host set cpuAvailable = least(cpuTotal, cpuAvailable + :cpus),"
                + " memoryAvailable = least(memoryTotal, memoryAvailable + :mem), updatedAt = :now where id = :id")
                .setParameter("cpus", cpus).setParameter("mem", memoryMib).setParameter("now", Instant.now())
                .setParameter("id", hostId).executeUpdate();
    }
}
