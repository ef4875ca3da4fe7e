package io.nubis.job;

import static io.nubis.job.JobFixtures.awaitFinal;
import static io.nubis.job.JobFixtures.log;
import static io.nubis.job.JobFixtures.row;
import static io.nubis.job.JobFixtures.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jobs whose recovery undoes every step ({@link Workflow.Recovery#ROLLBACK}) record their progress between steps only
 * after {@code nubis.jobs.progress-interval} (2 s): a quick job writes its row when claimed and when it ends, and what
 * its steps hand the engine goes into the final transaction. Other workflows record every step.
 */
@QuarkusTest
class UndoneJobProgressTest {

    @Inject
    StepJournal journal;
    @Inject
    JobStore store;
    @Inject
    JobNode node;

    @Test
    void aQuickJobRecoveryUndoesWritesNoProgressBetweenItsSteps() {
        String id = submit(RollbackOnRecoveryWorkflow.TYPE, Map.of("steps", "3", "writeAt", "0,1"));

        JobView v = awaitFinal(id);

        assertEquals(JobState.Succeeded, v.state());
        assertEquals(100, v.percent());
        // the finishing writes of s1 and s2 ran in the final transaction: the row still named step 0 (the claim's)
        assertEquals(List.of("run:0", "run:1", "run:2", "write:0@Succeeded/0", "write:1@Succeeded/0", "onSucceeded"),
                journal.events(id));
        assertTrue(row(id).context.contains("\"ran0\":\"yes\""), "the values of every step are kept at the end");
        List<String> lines = log(id);
        for (String step : List.of("step 1/3 s1", "step 2/3 s2", "step 3/3 s3", "all 3 steps done")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(step)), step + " missing from " + lines);
        }
    }

    @Test
    void aSlowStepStillShowsItsProgress() {
        String id = submit(RollbackOnRecoveryWorkflow.TYPE, Map.of("steps", "2", "sleepMs", "2100", "writeAt", "0"));

        assertEquals(JobState.Succeeded, awaitFinal(id).state());

        // s1 took longer than the interval: its end was recorded with step 2 running, its write in that transaction
        assertEquals(List.of("run:0", "write:0@Running/1", "run:1", "onSucceeded"), journal.events(id));
    }

    @Test
    void aStepThatRunsLongIsShownWhileItRuns() {
        String id = submit(RollbackOnRecoveryWorkflow.TYPE,
                Map.of("steps", "3", "sleepMs", "4000", "sleepAt", "1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> journal.events(id).contains("run:1"));

        // s1 was quick (no write after it); s2 sleeps: after the interval the row names it, while it still runs
        await().atMost(Duration.ofSeconds(3)).until(() -> row(id).stepIndex == 1);
        Job running = row(id);
        assertEquals("s2", running.stepName);
        assertEquals(33, running.percent);
        assertEquals(JobState.Running, running.state);
        assertFalse(journal.events(id).contains("run:2"), "s2 was over already: " + journal.events(id));

        assertEquals(JobState.Succeeded, awaitFinal(id).state());
    }

    @Test
    void aJobRecoveryResumesRecordsEveryStep() {
        String id = submit(ScriptedWorkflow.TYPE, Map.of("steps", "3", "writeAt", "0"));

        assertEquals(JobState.Succeeded, awaitFinal(id).state());

        assertEquals(List.of("run:0", "write:0@Running/1", "run:1", "run:2", "onSucceeded"), journal.events(id));
    }

    @Test
    void aRollbackRecordsTheStepItStartsFromBeforeUndoingAnything() {
        Job job = JobFixtures.insert(RollbackOnRecoveryWorkflow.TYPE, JobState.Running, Map.of("steps", "3"), 0, 3, 1,
                node.id(), java.time.Instant.now().plusSeconds(600), null);
        try {
            // the row named step 0 (no progress written since the claim) while step 2 failed
            assertTrue(store.beginRollback(job.id, node.id(), "disk full", null, 2, new JobLogBuffer()));

            Job rolling = row(job.id);
            assertEquals(JobState.RollingBack, rolling.state);
            assertEquals(2, rolling.stepIndex, "a crash now must still undo steps 2, 1 and 0");
        } finally {
            JobFixtures.delete(List.of(job.id));
        }
    }

    @Test
    void aLeaseIsSurelyHeldOnlyWhileYoungOrConfirmedByARenewalSinceTheClaim() {
        long s = 1_000_000_000L;
        long lease = 30 * s;
        long now = 1000 * s;
        assertTrue(LeaseKeeper.surelyHeld(now, now - 14 * s, 0, lease), "claimed 14 s ago, lease 30 s");
        assertFalse(LeaseKeeper.surelyHeld(now, now - 16 * s, 0, lease), "claimed 16 s ago, never renewed");
        assertTrue(LeaseKeeper.surelyHeld(now, now - 60 * s, now - 5 * s, lease), "renewed 5 s ago");
        assertFalse(LeaseKeeper.surelyHeld(now, now - 60 * s, now - 16 * s, lease), "last renewal 16 s ago");
        assertFalse(LeaseKeeper.surelyHeld(now, now - 16 * s, now - 20 * s, lease), "renewed before the claim only");
    }
}
