package io.nubis.compute;

import io.nubis.platform.LockConflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a host for a VM and reserves its CPUs and memory, so concurrent creations never overcommit a host. Candidates
 * (Enabled + Connected hosts of Enabled clusters of Enabled zones among the given ones, with enough free capacity) come
 * from a plain read; each is then reserved with one atomic conditional decrement
 * ({@code UPDATE ... WHERE cpu_available >= ?
 * AND memory_available >= ?}), which succeeds for exactly as many concurrent callers as the host has room for. Only the
 * chosen host's row is locked, and only until the caller's transaction ends, so allocations on different hosts run in
 * parallel.
 */
@ApplicationScoped
public class HostAllocator {

    /** How to choose among candidates. */
    public enum Strategy {
        /** A host with the most free memory (spreads VMs); concurrent callers start at one of the top few at random. */
        LeastUsed,
        /** The first host by name that fits (packs VMs). */
        FirstFit
    }

    /** How often an allocation that lost a deadlock against a concurrent one is tried again. */
    static final int ATTEMPTS = 5;
    /** LeastUsed starts at a random one of this many best hosts, so concurrent creations do not all queue on one. */
    static final int SPREAD = 16;
    private static final int MAX_CANDIDATES = 64;

    @Inject
    EntityManager em;
    /**
     * The capacity statements run on every VM create: plain JDBC ({@link io.nubis.platform.Sql}); the callers'
     * transactions change no host entity.
     */
    @Inject
    io.nubis.platform.Sql sql;

    /**
     * Reserves {@code cpus} and {@code memoryMib} on a suitable host, in a transaction of its own.
     *
     * @return the host id, or empty when no host can take the VM right now
     */
    public Optional<String> allocate(List<String> clusterIds, int cpus, long memoryMib, Strategy strategy) {
        return LockConflicts.retryInNewTransaction(ATTEMPTS, () -> reserve(clusterIds, cpus, memoryMib, strategy));
    }

    /**
     * Like {@link #allocate} but inside the caller's transaction, which holds the chosen host's row lock until it ends;
     * the caller retries on a lock conflict ({@link LockConflicts}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> reserve(List<String> clusterIds, int cpus, long memoryMib, Strategy strategy) {
        return reserveHost(clusterIds, cpus, memoryMib, strategy).map(Reservation::hostId);
    }

    /** A host that took a VM's capacity, and its cluster. */
    public record Reservation(String hostId, String clusterId) {
    }

    /** Like {@link #reserve}, and says the chosen host's cluster too (read with the candidates: no second read). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Reservation> reserveHost(List<String> clusterIds, int cpus, long memoryMib, Strategy strategy) {
        if (clusterIds.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> clusterOf = new LinkedHashMap<>(); // keeps the ORDER BY
        for (Object[] row : candidates(clusterIds, cpus, memoryMib, strategy)) {
            clusterOf.put((String) row[0], (String) row[1]);
        }
        List<String> candidates = order(new ArrayList<>(clusterOf.keySet()), strategy);
        for (String id : candidates) {
            if (reserveOn(id, cpus, memoryMib)) {
                return Optional.of(new Reservation(id, clusterOf.get(id)));
            }
        }
        return Optional.empty();
    }

    /**
     * Reserves capacity on one given host (a live migration's target, issue 12): only when it is Enabled and Connected
     * and has the room. Returns whether it did.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reserveOn(String hostId, int cpus, long memoryMib) {
        return sql.update("UPDATE host SET cpu_available = cpu_available - ?, memory_available = memory_available - ?,"
                + " updated_at = ? WHERE id = ? AND state = 'Enabled' AND status = 'Connected'"
                + " AND cpu_available >= ? AND memory_available >= ?", cpus, memoryMib, Instant.now(), hostId, cpus,
                memoryMib) == 1;
    }

    /**
     * The host of the cluster, other than {@code exceptHostId}, that is Enabled and Connected and has the most memory
     * free with room for the VM: where an evacuated VM goes (issue 12). The migration reserves it itself.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<String> roomyOther(String clusterId, String exceptHostId, int cpus, long memoryMib) {
        List<String> ids = em.createNativeQuery("SELECT id FROM host WHERE cluster_id = :cluster AND id <> :except"
                + " AND state = 'Enabled' AND status = 'Connected' AND cpu_available >= :cpus"
                + " AND memory_available >= :mem ORDER BY memory_available DESC, id LIMIT 1")
                .setParameter("cluster", clusterId).setParameter("except", exceptHostId).setParameter("cpus", cpus)
                .setParameter("mem", memoryMib).getResultList();
        return ids.stream().findFirst();
    }

    /** Takes capacity back for a VM that stays on the host after all (a migration rolled back): no room check. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void take(String hostId, int cpus, long memoryMib) {
        sql.update("UPDATE host SET cpu_available = cpu_available - ?, memory_available = memory_available - ?,"
                + " updated_at = ? WHERE id = ?", cpus, memoryMib, Instant.now(), hostId);
    }

    /** Candidate hosts (id, cluster id) in the strategy's order. */
    private List<Object[]> candidates(List<String> clusterIds, int cpus, long memoryMib, Strategy strategy) {
        String order = strategy == Strategy.FirstFit ? "h.name, h.id" : "h.memory_available DESC, h.id";
        List<Object> args = new ArrayList<>(clusterIds);
        args.add(cpus);
        args.add(memoryMib);
        return sql.query("SELECT h.id, h.cluster_id FROM host h WHERE h.cluster_id IN"
                + " (SELECT c.id FROM cluster c JOIN zone z ON z.id = c.zone_id WHERE c.id IN ("
                + String.join(", ", java.util.Collections.nCopies(clusterIds.size(), "?")) + ")"
                + " AND c.state = 'Enabled' AND z.state = 'Enabled')"
                + " AND h.state = 'Enabled' AND h.status = 'Connected'"
                + " AND h.cpu_available >= ? AND h.memory_available >= ? ORDER BY " + order + " LIMIT "
                + MAX_CANDIDATES, args.toArray());
    }

    /** LeastUsed: rotate the list to start at a random one of the best {@link #SPREAD}; FirstFit: as is. */
    static List<String> order(List<String> ids, Strategy strategy) {
        if (strategy == Strategy.FirstFit || ids.size() < 2) {
            return ids;
        }
        List<String> rotated = new ArrayList<>(ids);
        Collections.rotate(rotated.subList(0, Math.min(SPREAD, rotated.size())),
                ThreadLocalRandom.current().nextInt(Math.min(SPREAD, rotated.size())));
        return rotated;
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
        sql.update("UPDATE host SET cpu_available = LEAST(cpu_total, cpu_available + ?),"
                + " memory_available = LEAST(memory_total, memory_available + ?), updated_at = ? WHERE id = ?", cpus,
                memoryMib, Instant.now(), hostId);
    }
}
