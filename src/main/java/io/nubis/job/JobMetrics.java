package io.nubis.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The job engine's Prometheus metrics (issue 13), at {@code /q/metrics}:
 * <ul>
 * <li>{@code nubis_jobs{type,state}}: jobs not yet ended (Pending, Running, RollingBack) in the whole cloud, counted
 * every 15 s from the database (so every management server reports the same figure);</li>
 * <li>{@code nubis_jobs_ended_total{type,state}}: jobs this server ended, by final state;</li>
 * <li>{@code nubis_job_duration_seconds{type,state}}: from the start of this server's run of a job to its end
 * (histogram);</li>
 * <li>{@code nubis_job_step_duration_seconds{type,step,outcome}}: one step's forward run, outcome {@code ok} or
 * {@code failed} (histogram).</li>
 * </ul>
 */
@ApplicationScoped
public class JobMetrics {

    private static final Logger LOG = Logger.getLogger(JobMetrics.class);
    private static final Duration[] SLO = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(300)};

    @Inject
    MeterRegistry registry;
    @Inject
    EntityManager em;

    private MultiGauge open;

    @PostConstruct
    void register() {
        open = MultiGauge.builder("nubis.jobs").description("Jobs not yet ended, by type and state").register(registry);
    }

    void stepDone(String type, String step, boolean ok, long nanos) {
        Timer.builder("nubis.job.step.duration").description("Duration of one job step's forward run")
                .tags("type", type, "step", step, "outcome", ok ? "ok" : "failed").serviceLevelObjectives(SLO)
                .register(registry).record(Duration.ofNanos(nanos));
    }

    void jobEnded(String type, JobState state, long nanos) {
        Counter.builder("nubis.jobs.ended").description("Jobs this server ended, by final state")
                .tags("type", type, "state", state.name()).register(registry).increment();
        Timer.builder("nubis.job.duration").description("Duration of a job's run on this server, start to end")
                .tags("type", type, "state", state.name()).serviceLevelObjectives(SLO).register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /** Refreshes {@code nubis_jobs}: the open jobs by type and state (rows that went to zero disappear). */
    @Scheduled(every = "15s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshOpen() {
        try {
            List<Object[]> counts = QuarkusTransaction.requiringNew()
                    .call(() -> em.createQuery("select j.type, j.state, count(j) from Job j"
                            + " where j.state in :open group by j.type, j.state", Object[].class)
                            .setParameter("open", List.of(JobState.Pending, JobState.Running, JobState.RollingBack))
                            .getResultList());
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (Object[] r : counts) {
                rows.add(MultiGauge.Row.of(Tags.of("type", (String) r[0], "state", ((JobState) r[1]).name()),
                        ((Number) r[2]).doubleValue()));
            }
            open.register(rows, true);
        } catch (RuntimeException e) {
            LOG.debugf(e, "counting open jobs for the metrics failed");
        }
    }
}
