package io.nubis.job;

import io.nubis.platform.DbTime;
import io.nubis.iam.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The job engine's reads and writes of running jobs, each in a short transaction of its own. Every write to a claimed
 * job is guarded by {@code id = ? AND lease_owner = ?}: it returns false when the row no longer belongs to this node
 * (its lease expired and another node took it over), and the caller must then stop working on the job. Writes are
 * native SQL with times bound through {@link DbTime}, so they keep their milliseconds.
 */
@ApplicationScoped
public class JobStore {

    /** States in which a job is owned by a worker through its lease, as an SQL list. */
    static final String ACTIVE_SQL = "('Running', 'RollingBack')";

    @Inject
    EntityManager em;
    @Inject
    JobService jobs;
    @Inject
    JobLogWriter logWriter;
    @Inject
    io.nubis.platform.Sql sql;

    /** The job row as it is now, or null when there is none. */
    JobSnapshot load(String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Job j = Job.findById(id);
            return j == null ? null : snapshot(j);
        });
    }

    /** The rows of {@code ids} as they are now, in that order, inside the caller's transaction. */
    List<JobSnapshot> snapshots(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // plain JDBC: an HQL "id in ?1" is translated again for every call (its SQL depends on the list's length)
        Map<String, JobSnapshot> byId = new HashMap<>();
        for (Object[] r : sql.query("SELECT " + SNAPSHOT_COLUMNS + " FROM job WHERE id IN ("
                + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")", ids.toArray())) {
            JobSnapshot s = snapshot(r);
            byId.put(s.id(), s);
        }
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** The columns {@link #snapshot(Object[])} reads, in its order. */
    private static final String SNAPSHOT_COLUMNS = "id, type, resource_type, resource_id, resource_name, account_id,"
            + " user_id, user_name, caller_account_id, caller_account_name, caller_admin, state, step_name,"
            + " step_index, attempts, error, public_error, params, context, lease_owner, lease_until";

    private JobSnapshot snapshot(Object[] r) {
        Caller caller = new Caller((String) r[6], (String) r[7], (String) r[8], (String) r[9],
                io.nubis.platform.Sql.flag(r[10]));
        return new JobSnapshot((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], caller, JobState.valueOf((String) r[11]), (String) r[12], ((Number) r[13]).intValue(),
                ((Number) r[14]).intValue(), (String) r[15], (String) r[16], jobs.fromJson((String) r[17]),
                jobs.fromJson((String) r[18]), (String) r[19], DbTime.read(r[20]));
    }

    /** Records that step {@code index} starts (state Running) or is being undone (state RollingBack). */
    boolean startStep(String id, String owner, JobState state, int index, String name, int count, Integer percent,
            JobLogBuffer log) {
        List<Object> args = new ArrayList<>(List.of(state.name(), index, name, count));
        if (percent != null) {
            args.add(percent);
        }
        return guarded("state = ?, step_index = ?, step_name = ?, step_count = ?"
                + (percent == null ? "" : ", percent = ?"), args, id, owner, log, List.of());
    }

    /**
     * Shows step {@code index} as the running one while it runs ({@link ProgressTicker}): only while the job is
     * Running, still this node's and its row names no later step, so a late call never moves the progress back or
     * touches a job that is rolling back or has ended. No log lines, no values: those are the worker's.
     */
    boolean showStep(String id, String owner, int index, String name, int count, int percent) {
        return QuarkusTransaction.requiringNew().call(() -> sql.update("UPDATE job SET step_index = ?, step_name = ?,"
                + " step_count = ?, percent = ?, updated_at = ? WHERE id = ? AND lease_owner = ? AND state = 'Running'"
                + " AND step_index <= ?", index, name, count, percent, DbTime.of(Instant.now()), id, owner,
                index) == 1);
    }

    /** Saves the step-recorded values (and the percent done, when given) after a step. */
    boolean saveContext(String id, String owner, Map<String, String> values, Integer percent, JobLogBuffer log) {
        List<Object> args = new ArrayList<>(List.of(jobs.toJson(values)));
        if (percent != null) {
            args.add(percent);
        }
        return guarded("context = ?" + (percent == null ? "" : ", percent = ?"), args, id, owner, log, List.of());
    }

    /**
     * After a step: saves the step-recorded values and the percent done and records step {@code next} as started, in
     * one update; {@code stepWrites} ({@link JobContext#whenStepRecorded}) run in the same transaction.
     */
    boolean advance(String id, String owner, Map<String, String> values, int percent, int next, String nextName,
            int count, JobLogBuffer log, List<Runnable> stepWrites) {
        return guarded("context = ?, percent = ?, step_index = ?, step_name = ?, step_count = ?",
                List.of(jobs.toJson(values), percent, next, nextName, count), id, owner, log, stepWrites);
    }

    /**
     * Moves the job to RollingBack with {@code error} (the original cause, plus notes) and {@code publicError} (the
     * cause written for people, or null).
     */
    boolean beginRollback(String id, String owner, String error, String publicError, int fromIndex,
            JobLogBuffer log) {
        // the step the rollback starts from, so a crash before its first step is recorded still undoes it (a job whose
        // progress was written only now and then may name an earlier step)
        return guarded("state = 'RollingBack', error = ?, public_error = ?, step_index = ?",
                java.util.Arrays.asList(error, publicError, fromIndex),
                id, owner, log, List.of());
    }

    /** Replaces the recorded error (to append a note). */
    boolean recordError(String id, String owner, String error, JobLogBuffer log) {
        return guarded("error = ?", java.util.Arrays.asList(error), id, owner, log, List.of());
    }

    /** Extends the lease of the listed jobs this node owns; returns how many rows it extended. */
    int renewLeases(String owner, Collection<String> ids, Instant until) {
        if (ids.isEmpty()) {
            return 0;
        }
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("UPDATE job SET lease_until = :until WHERE lease_owner = :owner AND id IN (:ids)"
                        + " AND state IN " + ACTIVE_SQL)
                .setParameter("until", DbTime.of(until)).setParameter("owner", owner).setParameter("ids", ids)
                .executeUpdate());
    }

    /**
     * Running or RollingBack jobs whose lease expired before {@code now}, oldest first, leaving out {@code excluded};
     * with {@code alsoOwnedBy}, also those that node owns whatever their lease (used at startup: they were this node's
     * before a restart).
     */
    List<JobSnapshot> orphans(Instant now, String alsoOwnedBy, Collection<String> excluded, int max) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Query find = em.createNativeQuery("SELECT id FROM job WHERE state IN " + ACTIVE_SQL
                    + " AND (lease_until IS NULL OR lease_until < :now"
                    + (alsoOwnedBy == null ? "" : " OR lease_owner = :me") + ")"
                    + (excluded.isEmpty() ? "" : " AND id NOT IN (:excluded)") + " ORDER BY seq LIMIT " + max)
                    .setParameter("now", DbTime.of(now));
            if (alsoOwnedBy != null) {
                find.setParameter("me", alsoOwnedBy);
            }
            if (!excluded.isEmpty()) {
                find.setParameter("excluded", excluded);
            }
            @SuppressWarnings("unchecked")
            List<String> ids = find.getResultList();
            if (ids.isEmpty()) {
                return List.of();
            }
            List<JobSnapshot> out = new ArrayList<>();
            for (Job j : Job.<Job>list("id in ?1 order by seq", ids)) {
                out.add(snapshot(j));
            }
            return out;
        });
    }

    /**
     * Takes an orphan over for {@code owner}: succeeds only if its state, lease owner and lease end are still what
     * {@code seen} read, so of two nodes racing for one job exactly one wins. Counts an attempt.
     */
    boolean takeOver(JobSnapshot seen, String owner, Instant until, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Query update = em.createNativeQuery("UPDATE job SET lease_owner = :owner, lease_until = :until,"
                    + " attempts = attempts + 1, updated_at = :now WHERE id = :id AND state = :state"
                    + (seen.leaseOwner() == null ? " AND lease_owner IS NULL" : " AND lease_owner = :oldOwner")
                    + (seen.leaseUntil() == null ? " AND lease_until IS NULL" : " AND lease_until = :oldUntil"))
                    .setParameter("owner", owner).setParameter("until", DbTime.of(until))
                    .setParameter("now", DbTime.of(now)).setParameter("id", seen.id())
                    .setParameter("state", seen.state().name());
            if (seen.leaseOwner() != null) {
                update.setParameter("oldOwner", seen.leaseOwner());
            }
            if (seen.leaseUntil() != null) {
                update.setParameter("oldUntil", DbTime.of(seen.leaseUntil()));
            }
            return update.executeUpdate() == 1;
        });
    }

    /**
     * Deletes resource locks whose job is final or gone, which would otherwise block the resource's Pending jobs
     * forever. Safe against running claims: a final job never becomes active again. Returns "resource -> job" of each
     * removed lock.
     */
    List<String> cleanStaleLocks() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> stale = em.createNativeQuery("SELECT l.resource_id, l.job_id FROM resource_lock l"
                    + " LEFT JOIN job j ON j.id = l.job_id"
                    + " WHERE j.id IS NULL OR j.state IN ('Succeeded', 'RolledBack', 'Failed') LIMIT 500")
                    .getResultList();
            List<String> removed = new ArrayList<>();
            for (Object[] row : stale) {
                int n = em.createNativeQuery("DELETE FROM resource_lock WHERE resource_id = :r AND job_id = :j")
                        .setParameter("r", row[0]).setParameter("j", row[1]).executeUpdate();
                if (n == 1) {
                    removed.add(row[0] + " -> " + row[1]);
                }
            }
            return removed;
        });
    }

    /**
     * One guarded update of the job row ({@code set} with {@code ?} for {@code args}), the log lines buffered since the
     * last one, and, when the update found the job still this node's, {@code stepWrites}
     * ({@link JobContext#whenStepRecorded}), in one transaction; a write that throws rolls all of it back.
     */
    private boolean guarded(String set, List<Object> args, String id, String owner, JobLogBuffer log,
            List<Runnable> stepWrites) {
        List<JobLogBuffer.Line> lines = log == null ? List.of() : log.drain();
        List<Object> all = new ArrayList<>(args);
        all.add(DbTime.of(Instant.now()));
        all.add(id);
        all.add(owner);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                logWriter.insert(lines);
                boolean owned = sql.update("UPDATE job SET " + set + ", updated_at = ?"
                        + " WHERE id = ? AND lease_owner = ? AND state IN " + ACTIVE_SQL, all.toArray()) == 1;
                if (owned) {
                    stepWrites.forEach(Runnable::run);
                }
                return owned;
            });
        } catch (RuntimeException e) {
            if (log != null) {
                log.restore(lines);
            }
            throw e;
        }
    }

    private JobSnapshot snapshot(Job j) {
        Caller caller = new Caller(j.userId, j.userName, j.callerAccountId, j.callerAccountName, j.callerAdmin);
        return new JobSnapshot(j.id, j.type, j.resourceType, j.resourceId, j.resourceName, j.accountId, caller,
                j.state, j.stepName, j.stepIndex, j.attempts, j.error, j.publicError, jobs.fromJson(j.params),
                jobs.fromJson(j.context), j.leaseOwner, j.leaseUntil);
    }
}
