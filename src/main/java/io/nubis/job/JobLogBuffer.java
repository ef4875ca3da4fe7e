package io.nubis.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Collects the log lines of one job run and hands them to the next progress update, which inserts them in its own
 * transaction: a step's lines cost no transaction of their own. Lines of a step that is cut short by a crash are lost
 * (the job's error and state still say what happened).
 */
final class JobLogBuffer implements JobContext.LogSink {

    private static final Logger LOG = Logger.getLogger(JobLogBuffer.class);

    /** One buffered line. */
    record Line(String jobId, Instant at, String level, LogAudience audience, String message) {
    }

    private final List<Line> lines = new ArrayList<>();

    @Override
    public synchronized void write(String jobId, String level, LogAudience audience, String message) {
        String text = JobErrors.truncate(message == null ? "" : message, JobLogWriter.MAX_MESSAGE);
        LOG.debugf("job %s %s %s %s", jobId, level, audience, text);
        lines.add(new Line(jobId, Instant.now(), level, audience, text));
    }

    /** Takes the buffered lines out. */
    synchronized List<Line> drain() {
        List<Line> out = List.copyOf(lines);
        lines.clear();
        return out;
    }

    /** Puts lines back in front (their transaction rolled back). */
    synchronized void restore(List<Line> taken) {
        lines.addAll(0, taken);
    }
}
