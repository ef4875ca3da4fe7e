package io.nubis.job;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Starts and stops the job engine with the application. Start: workers and lease keeper, one recovery round for this
 * node's own jobs from before a restart, then periodic recovery and the dispatcher. Stop: no more claims or takeovers,
 * running steps get {@code nubis.jobs.shutdown-grace} to finish; jobs are never marked failed because the server stops:
 * their leases expire and recovery (on another node, or here after the restart) takes them over.
 */
@ApplicationScoped
public class JobEngine {

    private static final Logger LOG = Logger.getLogger(JobEngine.class);

    @Inject
    JobsConfig config;
    @Inject
    JobWorkers workers;
    @Inject
    LeaseKeeper leases;
    @Inject
    JobRecovery recovery;
    @Inject
    JobDispatcher dispatcher;

    void onStart(@Observes StartupEvent event) {
        if (config.workers() <= 0) {
            LOG.info("job engine off on this node (nubis.jobs.workers=0): it claims and recovers no jobs");
            return;
        }
        workers.start();
        leases.start();
        try {
            int recovered = recovery.sweep(true);
            if (recovered > 0) {
                LOG.infof("took over %d interrupted jobs at startup", recovered);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "startup job recovery failed; the periodic recovery retries in %s",
                    config.recoveryInterval());
        }
        recovery.start();
        dispatcher.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        dispatcher.stop();
        recovery.stop();
        workers.stop(config.shutdownGrace());
        leases.stop();
    }
}
