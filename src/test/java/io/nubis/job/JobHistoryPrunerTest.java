package io.nubis.job;

import static io.nubis.job.JobFixtures.awaitFinal;
import static io.nubis.job.JobFixtures.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.platform.Ids;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job history stays bounded: ended jobs past the retention go with their logs; nothing else does. */
@QuarkusTest
class JobHistoryPrunerTest {

    @Inject
    JobHistoryPruner pruner;
    @Inject
    io.nubis.platform.Sql sql;

    @Test
    void jobsThatEndedLongAgoGoWithTheirLogsAndTheOthersStay() {
        String old = awaitFinal(submit(TimedWorkflow.TYPE, Map.of())).id();
        String recent = awaitFinal(submit(TimedWorkflow.TYPE, Map.of())).id();
        String attention = awaitFinal(submit(TimedWorkflow.TYPE, Map.of())).id();
        Instant longAgo = Instant.now().minus(Duration.ofDays(40));
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            sql.update("UPDATE job SET finished_at = ? WHERE id IN (?, ?)", longAgo, old, attention);
            // a job of the needs-attention list is kept whatever its age
            sql.update("INSERT INTO attention_item (id, job_id, job_type, resource_type, resource_id, account_id,"
                    + " state, created_at, updated_at) VALUES (?, ?, 'test.timed', 'test-resource', ?, ?, 'Dismissed',"
                    + " ?, ?)", Ids.newId(), attention, Ids.newId(), JobFixtures.SYSTEM.accountId(), longAgo,
                    longAgo);
        });
        assertTrue(logLines(old) > 0, "the job wrote log lines");

        assertEquals(0, pruner.prune(Instant.now(), Duration.ZERO), "retention 0 keeps every job");
        assertNotNull(JobFixtures.row(old));

        assertTrue(pruner.prune(Instant.now(), Duration.ofDays(30)) >= 1);
        assertNull(JobFixtures.row(old), "ended 40 days ago, kept 30: gone");
        assertEquals(0, logLines(old), "with its log lines");
        assertNotNull(JobFixtures.row(recent), "ended now: kept");
        assertTrue(logLines(recent) > 0);
        assertNotNull(JobFixtures.row(attention), "on the needs-attention list: kept");
    }

    private long logLines(String jobId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) sql
                .query("SELECT COUNT(*) FROM job_log WHERE job_id = ?", jobId).get(0)[0]).longValue());
    }
}
