package io.nubis.job;

import static io.nubis.job.JobFixtures.awaitFinal;
import static io.nubis.job.JobFixtures.submit;
import static io.nubis.testing.Metrics.scrape;
import static io.nubis.testing.Metrics.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;

/** The job engine's metrics at /q/metrics and the job id in the logging context of a job's work (issue 13). */
@QuarkusTest
class JobMetricsTest {

    @Inject
    JobMetrics metrics;

    @Test
    void jobsAndStepsAreCountedAndTimedByTypeAndOutcome() {
        double okBefore = value("nubis_jobs_ended_total", "state=\"Succeeded\",type=\"test.scripted\"");
        double failedBefore = value("nubis_jobs_ended_total", "state=\"RolledBack\",type=\"test.scripted\"");
        double stepsBefore = value("nubis_job_step_duration_seconds_count",
                "outcome=\"failed\",step=\"s2\",type=\"test.scripted\"");

        assertEquals(JobState.Succeeded, awaitFinal(submit(ScriptedWorkflow.TYPE, Map.of())).state());
        assertEquals(JobState.RolledBack, awaitFinal(submit(ScriptedWorkflow.TYPE, Map.of("failAt", "1"))).state());

        String text = scrape();
        assertEquals(okBefore + 1,
                value(text, "nubis_jobs_ended_total", "state=\"Succeeded\",type=\"test.scripted\""));
        assertEquals(failedBefore + 1,
                value(text, "nubis_jobs_ended_total", "state=\"RolledBack\",type=\"test.scripted\""));
        assertEquals(stepsBefore + 1, value(text, "nubis_job_step_duration_seconds_count",
                "outcome=\"failed\",step=\"s2\",type=\"test.scripted\""));
        // histograms: buckets that Prometheus turns into quantiles
        assertTrue(value(text, "nubis_job_duration_seconds_bucket",
                "le=\"0.5\",state=\"Succeeded\",type=\"test.scripted\"") >= 1, "job duration buckets");
        assertTrue(value(text, "nubis_job_step_duration_seconds_bucket",
                "le=\"0.05\",outcome=\"ok\",step=\"s1\",type=\"test.scripted\"") >= 1, "step duration buckets");
    }

    @Test
    void openJobsAreCountedFromTheDatabase() {
        String id = submit(ScriptedWorkflow.TYPE, Map.of("sleepMs", "3000", "steps", "1"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> JobFixtures.row(id).state == JobState.Running);
        metrics.refreshOpen();
        assertTrue(value("nubis_jobs", "state=\"Running\",type=\"test.scripted\"") >= 1, "running job counted");
        awaitFinal(id);
        metrics.refreshOpen();
        assertEquals(0, value("nubis_jobs", "state=\"Running\",type=\"test.scripted\""),
                "a type and state without open jobs is no longer reported");
    }

    @Test
    void everyLogLineOfAJobCarriesItsId() {
        List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {

            @Override
            public void publish(LogRecord r) {
                if (r instanceof ExtLogRecord e) {
                    e.copyAll(); // the logging context of the thread that logged
                    lines.add(e);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.nubis.job");
        logger.addHandler(capture);
        try {
            String id = submit(ScriptedWorkflow.TYPE, Map.of("failAt", "0"));
            awaitFinal(id);
            List<ExtLogRecord> mine = lines.stream().filter(r -> r.getFormattedMessage().contains(id)).toList();
            assertTrue(!mine.isEmpty(), "the failed step is logged");
            for (ExtLogRecord r : mine) {
                assertEquals(id, r.getMdc("jobId"), "MDC of: " + r.getFormattedMessage());
            }
        } finally {
            logger.removeHandler(capture);
        }
    }
}
