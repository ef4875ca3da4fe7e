package io.nubis.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness (issue 13): the job dispatcher runs and is not stuck, so jobs accepted by this node will be claimed. A node
 * with the job engine off ({@code nubis.jobs.workers=0}) reports up with {@code engine=off}: other nodes run its jobs.
 */
@Readiness
@ApplicationScoped
public class JobDispatcherReadiness implements HealthCheck {

    private static final Duration SLACK = Duration.ofSeconds(30);

    @Inject
    JobDispatcher dispatcher;
    @Inject
    JobsConfig config;

    @Override
    public HealthCheckResponse call() {
        var r = HealthCheckResponse.named("job-dispatcher").withData("workers", config.workers());
        if (config.workers() <= 0) {
            return r.withData("engine", "off").up().build();
        }
        return r.status(dispatcher.alive(SLACK)).build();
    }
}
