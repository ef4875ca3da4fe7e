package io.nubis.job;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Appends lines to a job's log ({@code job_log}), each in a transaction of its own so a line stays even when the work
 * it describes rolls back. A line that cannot be written (database down) goes to the server log instead: losing a log
 * line must not fail the step that wrote it.
 */
@ApplicationScoped
public class JobLogWriter implements JobContext.LogSink {

    private static final Logger LOG = Logger.getLogger(JobLogWriter.class);
    static final int MAX_MESSAGE = 16_000;

    @Inject
    EntityManager em;

    @Override
    public void write(String jobId, String level, String message) {
        String text = JobErrors.truncate(message == null ? "" : message, MAX_MESSAGE);
        LOG.debugf("job %s %s %s", jobId, level, text);
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> em
                            .createNativeQuery("INSERT INTO job_log (job_id, at, level, message)"
                                    + " VALUES (:job, :at, :level, :message)")
                            .setParameter("job", jobId).setParameter("at", DbTime.of(Instant.now()))
                            .setParameter("level", level).setParameter("message", text).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not write to the log of job %s: %s %s", jobId, level, text);
        }
    }

    /** Inserts buffered lines in the caller's transaction, in one statement. */
    void insert(java.util.List<JobLogBuffer.Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO job_log (job_id, at, level, message) VALUES ");
        for (int i = 0; i < lines.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:j").append(i).append(", :a").append(i).append(", :l").append(i)
                    .append(", :m").append(i).append(')');
        }
        var q = em.createNativeQuery(sql.toString());
        for (int i = 0; i < lines.size(); i++) {
            JobLogBuffer.Line l = lines.get(i);
            q.setParameter("j" + i, l.jobId()).setParameter("a" + i, DbTime.of(l.at())).setParameter("l" + i, l.level())
                    .setParameter("m" + i, l.message());
        }
        q.executeUpdate();
    }

    public void info(String jobId, String message) {
        write(jobId, "INFO", message);
    }

    public void warn(String jobId, String message) {
        write(jobId, "WARN", message);
    }

    public void error(String jobId, String message) {
        write(jobId, "ERROR", message);
    }
}
