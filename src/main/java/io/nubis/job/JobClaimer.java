package io.nubis.job;

import io.nubis.platform.DbTime;
import io.nubis.platform.LockConflicts;
import io.nubis.platform.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Claims Pending jobs for a node in one short transaction, safely against any number of nodes doing the same:
 *
 * <ol>
 * <li>lock candidate rows with {@code FOR UPDATE SKIP LOCKED}: Pending jobs of resources without a lock, oldest first
 * (rows another node is claiming right now are skipped, not waited for);</li>
 * <li>per candidate in {@code seq} order, keep it only if it is the first candidate of its resource and no older job of
 * that resource is still Pending (plain read), so a resource's jobs start in submission order;</li>
 * <li>take the resource lock with {@code INSERT IGNORE} (one affected row = ours; a resource has one lock row);</li>
 * <li>mark the job Running at step 0 with this node's lease, {@code started_at} and one more attempt.</li>
 * </ol>
 * Times come from this JVM's clock, never the database's, bound as text ({@link DbTime}).
 */
@ApplicationScoped
public class JobClaimer {

    private static final Logger LOG = Logger.getLogger(JobClaimer.class);
    /** Candidates fetched per job wanted, so followers of one resource leave room for other resources. */
    private static final int CANDIDATES_PER_SLOT = 2;
    private static final int MAX_CANDIDATES = 500;
    private static final int LOCK_CONFLICT_RETRIES = 3;

    @Inject
    JobsConfig config;
    @Inject
    JobStore store;
    @Inject
    Sql sql;

    /**
     * Claims up to {@code max} jobs for {@code node}. Retries a few times when the database reports a deadlock or lock
     * wait timeout between claimers, then gives up with the exception.
     *
     * @return the ids of the claimed jobs, in submission order; they are Running and owned by {@code node}
     */
    public List<String> claim(String node, int max) {
        return claimJobs(node, max).stream().map(JobSnapshot::id).toList();
    }

    /**
     * Like {@link #claim}, and reads the claimed rows in the same transaction (as they are after the claim: Running, at
     * step 0, owned by {@code node}), so the runner need not read them again.
     */
    List<JobSnapshot> claimJobs(String node, int max) {
        if (max <= 0) {
            return List.of();
        }
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> store.snapshots(claimInTransaction(node, max)));
            } catch (RuntimeException e) {
                if (attempt >= LOCK_CONFLICT_RETRIES || !isLockConflict(e)) {
                    throw e;
                }
                LOG.debugf("claim by %s hit a lock conflict (%s), retrying", node, e.getMessage());
            }
        }
    }

    private List<String> claimInTransaction(String node, int max) {
        int limit = Math.min(max * CANDIDATES_PER_SLOT, MAX_CANDIDATES);
        // each candidate says whether an older job of its resource is still pending (one another claimer skipped
        // past, or locked): it waits for that one. Read with the candidates, not once per candidate (issue 7)
        List<Object[]> candidates = sql.query("SELECT j.id, j.resource_id, EXISTS (SELECT 1 FROM job o"
                + " WHERE o.resource_id = j.resource_id AND o.state = 'Pending' AND o.seq < j.seq) FROM job j"
                + " WHERE j.state = 'Pending'"
                + " AND NOT EXISTS (SELECT 1 FROM resource_lock l WHERE l.resource_id = j.resource_id)"
                + " ORDER BY j.seq LIMIT " + limit + " FOR UPDATE SKIP LOCKED");
        Instant now = Instant.now();
        Instant until = now.plus(config.lease());
        Set<String> resources = new HashSet<>();
        List<String> claimed = new ArrayList<>();
        for (Object[] c : candidates) {
            if (claimed.size() == max) {
                break;
            }
            String id = (String) c[0];
            String resource = (String) c[1];
            boolean olderPending = Sql.flag(c[2]);
            if (!resources.add(resource) || olderPending || !lockResource(resource, id, now)) {
                continue;
            }
            String at = DbTime.of(now);
            int updated = sql.update("UPDATE job SET state = 'Running', step_index = 0, lease_owner = ?,"
                    + " lease_until = ?, started_at = ?, updated_at = ?, attempts = attempts + 1"
                    + " WHERE id = ? AND state = 'Pending'", node, DbTime.of(until), at, at, id);
            if (updated != 1) {
                throw new IllegalStateException("job " + id + " changed under its row lock while being claimed");
            }
            claimed.add(id);
        }
        return claimed;
    }

    private boolean lockResource(String resource, String jobId, Instant now) {
        return sql.update("INSERT IGNORE INTO resource_lock (resource_id, job_id, locked_at) VALUES (?, ?, ?)",
                resource, jobId, DbTime.of(now)) == 1;
    }

    /** Deadlock or lock wait timeout anywhere in the cause chain ({@link LockConflicts#is}). */
    static boolean isLockConflict(Throwable e) {
        return LockConflicts.is(e);
    }
}
