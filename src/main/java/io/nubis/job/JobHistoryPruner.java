package io.nubis.job;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps the job history bounded: once an hour ({@code nubis.jobs.prune-interval}) the jobs that ended more than
 * {@code nubis.jobs.retention} ago (default 30 days; 0 keeps every job) are deleted with their log lines, in batches of
 * {@value #BATCH}, each its own short transaction, at most {@value #MAX_BATCHES} batches per round (the next round goes
 * on). Never a job that has not ended, and never one of the needs-attention list (its entry keeps pointing at it). A
 * cloud creates a job for every change; without this the job and log tables (about 4 KiB per job) only grow, and with
 * them every count of the job lists. Several servers may prune at once: the deletes are idempotent. Audit events are
 * not jobs and are kept (docs/jobs.md).
 */
@ApplicationScoped
class JobHistoryPruner {

    private static final Logger LOG = Logger.getLogger(JobHistoryPruner.class);
    static final int BATCH = 500;
    static final int MAX_BATCHES = 40;
    /** The final states ({@link JobState#isFinal()}), as constants of the SQL. */
    private static final String ENDED = java.util.Arrays.stream(JobState.values()).filter(JobState::isFinal)
            .map(s -> "'" + s.name() + "'").collect(java.util.stream.Collectors.joining(", ", "j.state IN (", ")"));

    @Inject
    JobsConfig config;
    @Inject
    io.nubis.platform.Sql sql;

    @Scheduled(every = "${nubis.jobs.prune-interval:1h}", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            int n = prune(Instant.now(), config.retention());
            if (n > 0) {
                LOG.infof("job history: deleted %d jobs that ended more than %s ago, with their log lines", n,
                        config.retention());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "pruning the job history failed; the next round tries again");
        }
    }

    /** Deletes the jobs that ended before {@code now - keep} (none when {@code keep} is 0); returns how many. */
    int prune(Instant now, Duration keep) {
        if (keep.isZero() || keep.isNegative()) {
            return 0;
        }
        Instant before = now.minus(keep);
        int total = 0;
        for (int b = 0; b < MAX_BATCHES; b++) {
            int n = QuarkusTransaction.requiringNew().call(() -> pruneBatch(before));
            total += n;
            if (n < BATCH) {
                break;
            }
        }
        return total;
    }

    private int pruneBatch(Instant before) {
        List<Object[]> rows = sql.query("SELECT j.id FROM job j WHERE " + ENDED + " AND j.finished_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM attention_item a WHERE a.job_id = j.id) LIMIT " + BATCH, before);
        if (rows.isEmpty()) {
            return 0;
        }
        Object[] ids = rows.stream().map(r -> r[0]).toArray();
        String in = String.join(", ", Collections.nCopies(ids.length, "?"));
        // the conditions again in the DELETE: a job that changed since the read (an admin's retry of a clean-up makes
        // an ended job roll back again, and opens its attention entry) stays
        Object[] args = new Object[ids.length + 1];
        System.arraycopy(ids, 0, args, 0, ids.length);
        args[ids.length] = before;
        int deleted = sql
                .update("DELETE j FROM job j WHERE j.id IN (" + in + ") AND " + ENDED + " AND j.finished_at < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM attention_item a WHERE a.job_id = j.id)", args);
        sql.update("DELETE l FROM job_log l WHERE l.job_id IN (" + in + ")"
                + " AND NOT EXISTS (SELECT 1 FROM job j WHERE j.id = l.job_id)", ids);
        return deleted;
    }
}
