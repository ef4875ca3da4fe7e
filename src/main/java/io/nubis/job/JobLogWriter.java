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
 * line must not fail the step that wrote it. Every line has its {@link LogAudience}; the helpers without one write
 * admin-only lines.
 */
@ApplicationScoped
public class JobLogWriter implements JobContext.LogSink {

    private static final Logger LOG = Logger.getLogger(JobLogWriter.class);
    static final int MAX_MESSAGE = 16_000;

    @Inject
    EntityManager em;

    @Override
    public void write(String jobId, String level, LogAudience audience, String message) {
        String text = JobErrors.truncate(message == null ? "" : message, MAX_MESSAGE);
        LOG.debugf("job %s %s %s %s", jobId, level, audience, text);
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> em
                            .createNativeQuery("INSERT INTO job_log (job_id, at, level, audience, message)"
                                    + " VALUES (:job, :at, :level, :audience, :message)")
                            .setParameter("job", jobId).setParameter("at", DbTime.of(Instant.now()))
                            .setParameter("level", level).setParameter("audience", audience.name())
                            .setParameter("message", text).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not write to the log of job %s: %s %s", jobId, level, text);
        }
    }

    /** Inserts buffered lines in the caller's transaction, in one statement. */
    void insert(java.util.List<JobLogBuffer.Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO job_log (job_id, at, level, audience, message) VALUES ");
        for (int i = 0; i < lines.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:j").append(i).append(", :a").append(i).append(", :l").append(i)
                    .append(", :u").append(i).append(", :m").append(i).append(')');
        }
        var q = em.createNativeQuery(sql.toString());
        for (int i = 0; i < lines.size(); i++) {
            JobLogBuffer.Line l = lines.get(i);
            q.setParameter("j" + i, l.jobId()).setParameter("a" + i, DbTime.of(l.at())).setParameter("l" + i, l.level())
                    .setParameter("u" + i, l.audience().name()).setParameter("m" + i, l.message());
        }
        q.executeUpdate();
    }

    /** A line for admins only (it may name servers, hosts or paths). */
    public void info(String jobId, String message) {
        write(jobId, "INFO", LogAudience.ADMIN, message);
    }

    /** A warning for admins only. */
    public void warn(String jobId, String message) {
        write(jobId, "WARN", LogAudience.ADMIN, message);
    }

    /** An error line for admins only. */
    public void error(String jobId, String message) {
        write(jobId, "ERROR", LogAudience.ADMIN, message);
    }

    /** A warning the job's tenants read too: written for people. */
    public void publicWarn(String jobId, String message) {
        write(jobId, "WARN", LogAudience.PUBLIC, message);
    }
}
