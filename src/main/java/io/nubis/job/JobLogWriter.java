package io.nubis.job;

import io.nubis.platform.DbTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
    io.nubis.platform.Sql sql;

    @Override
    public void write(String jobId, String level, LogAudience audience, String message) {
        String text = JobErrors.truncate(message == null ? "" : message, MAX_MESSAGE);
        LOG.debugf("job %s %s %s %s", jobId, level, audience, text);
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> sql.update("INSERT INTO job_log (job_id, at, level, audience, message)"
                            + " VALUES (?, ?, ?, ?, ?)", jobId, DbTime.of(Instant.now()), level, audience.name(),
                            text));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not write to the log of job %s: %s %s", jobId, level, text);
        }
    }

    /** Inserts buffered lines in the caller's transaction, in one statement. */
    void insert(java.util.List<JobLogBuffer.Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder("INSERT INTO job_log (job_id, at, level, audience, message) VALUES ");
        Object[] args = new Object[5 * lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            text.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
            JobLogBuffer.Line l = lines.get(i);
            args[5 * i] = l.jobId();
            args[5 * i + 1] = DbTime.of(l.at());
            args[5 * i + 2] = l.level();
            args[5 * i + 3] = l.audience().name();
            args[5 * i + 4] = l.message();
        }
        sql.update(text.toString(), args);
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
