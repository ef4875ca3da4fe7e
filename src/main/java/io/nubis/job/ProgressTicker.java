package io.nubis.job;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * For jobs that record their progress only now and then ({@link Workflow.Recovery#ROLLBACK}): when a step runs longer
 * than {@code nubis.jobs.progress-interval}, its job row is made to name it ({@link JobStore#showStep}), so a tenant
 * watching a slow create (an image copied to a real host) sees the step it is in. A step that ends sooner costs no
 * write: its watch is cancelled. The write is the job row's progress only; a failed one is logged and changes nothing
 * else.
 */
@ApplicationScoped
public class ProgressTicker {

    private static final Logger LOG = Logger.getLogger(ProgressTicker.class);

    @Inject
    JobStore store;
    @Inject
    JobsConfig config;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-progress");
        t.setDaemon(true);
        return t;
    });

    /** A watch on one running step; {@link #close} when the step ends, however it ends. */
    public interface Watch extends AutoCloseable {

        @Override
        void close();
    }

    /** Watches step {@code index} of job {@code jobId}, which this node ({@code owner}) runs now. */
    Watch watch(String jobId, String owner, int index, String name, int count) {
        Future<?> task = timer.schedule(() -> show(jobId, owner, index, name, count),
                config.progressInterval().toMillis(), TimeUnit.MILLISECONDS);
        return () -> task.cancel(false);
    }

    private void show(String jobId, String owner, int index, String name, int count) {
        try {
            store.showStep(jobId, owner, index, name, count, index * 100 / count);
        } catch (RuntimeException e) {
            LOG.debugf(e, "job %s: could not show step %s as running", jobId, name);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
