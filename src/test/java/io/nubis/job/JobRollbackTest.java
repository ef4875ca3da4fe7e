package io.nubis.job;

import static io.nubis.job.JobFixtures.awaitFinal;
import static io.nubis.job.JobFixtures.locksOf;
import static io.nubis.job.JobFixtures.log;
import static io.nubis.job.JobFixtures.row;
import static io.nubis.job.JobFixtures.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.iam.AuditEvent;
import io.nubis.iam.AuditResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forward runs, step failures and rollbacks, as the engine carries them out end to end. */
@QuarkusTest
class JobRollbackTest {

    @Inject
    StepJournal journal;

    @Test
    void allStepsRunInOrderThenOnSucceeded() {
        String id = submit(ScriptedWorkflow.TYPE, Map.of("steps", "3"));

        JobView v = awaitFinal(id);

        assertEquals(JobState.Succeeded, v.state());
        assertEquals(100, v.percent());
        assertEquals(List.of("run:0", "run:1", "run:2", "onSucceeded"), journal.events(id));
        Job j = row(id);
        assertNull(j.leaseOwner);
        assertNull(j.leaseUntil);
        assertNotNull(j.finishedAt);
        assertTrue(j.context.contains("\"ran2\":\"yes\""), j.context);
        assertEquals(0, locksOf(j.resourceId));
        assertEquals(AuditResult.SUCCESS, audit(id).result);
    }

    @Test
    void aStepWithNothingToDoIsNeitherRunNorRecorded() {
        String id = submit(ScriptedWorkflow.TYPE, Map.of("steps", "4", "skip", "1,3"));

        JobView v = awaitFinal(id);

        assertEquals(JobState.Succeeded, v.state(), v.error());
        assertEquals(100, v.percent());
        assertEquals(List.of("run:0", "run:2", "onSucceeded"), journal.events(id));
        List<String> log = log(id);
        assertTrue(log.contains("INFO step 1/4 s1") && log.contains("INFO step 3/4 s3"), log.toString());
        assertTrue(log.stream().noneMatch(l -> l.contains(" s2") || l.contains(" s4")), log.toString());
    }

    @Test
    void aSkippedStepIsStillRolledBackLikeOneThatNeverStarted() {
        String id = submit(ScriptedWorkflow.TYPE, Map.of("steps", "4", "skip", "1", "failAt", "2"));

        JobView v = awaitFinal(id);

        assertEquals(JobState.RolledBack, v.state(), v.error());
        // rollbacks must tolerate a step that never ran (Step contract), so the engine need not remember skips
        assertEquals(List.of("run:0", "run:2", "rollback:2", "rollback:1", "rollback:0",
                "onFailed:" + ScriptedSteps.CAUSE + " (step s3)"), journal.events(id));
    }

    @Test
    void thirdStepFailureRollsBackSecondThenFirst() {
        String id = submit(ScriptedWorkflow.TYPE, Map.of("steps", "4", "failAt", "2"));

        JobView v = awaitFinal(id);

        String cause = ScriptedSteps.CAUSE + " (step s3)";
        assertEquals(JobState.RolledBack, v.state(), v.error());
        assertEquals(cause, v.error());
        // the failing step's own rollback runs first (Step contract), then 2 and 1; step 4 is never touched
        assertEquals(List.of("run:0", "run:1", "run:2", "rollback:2", "rollback:1", "rollback:0", "onFailed:" + cause),
                journal.events(id));
        List<String> log = log(id);
        assertTrue(log.contains("ERROR step s3 failed: " + cause), log.toString());
        int s2 = log.indexOf("INFO rolled back step s2");
        int s1 = log.indexOf("INFO rolled back step s1");
        assertTrue(s2 >= 0 && s1 > s2, log.toString());
        Job j = row(id);
        assertEquals(0, locksOf(j.resourceId));
        assertNull(j.leaseOwner);
        assertNotNull(j.finishedAt);
        AuditEvent audit = audit(id);
        assertEquals(AuditResult.FAILURE, audit.result);
        assertEquals(cause, audit.detail);
    }

    @Test
    void failingRollbackEndsFailedAndKeepsTheOriginalCause() {
        String id = submit(ScriptedWorkflow.TYPE, Map.of("steps", "3", "failAt", "2", "failRollbackAt", "1"));

        JobView v = awaitFinal(id);

        String cause = ScriptedSteps.CAUSE + " (step s3)";
        assertEquals(JobState.Failed, v.state());
        assertTrue(v.error().startsWith(cause + "\n"), v.error());
        assertTrue(v.error().contains("Rollback failed at step 's2': IllegalStateException: cannot undo s2"),
                v.error());
        // the rollback of s1 still ran after the one of s2 failed
        assertEquals(
                List.of("run:0", "run:1", "run:2", "rollback:2", "rollback:1", "rollback:0", "onFailed:" + v.error()),
                journal.events(id));
        assertTrue(log(id).contains("ERROR rollback of step s2 failed: IllegalStateException: cannot undo s2"));
        assertEquals(0, locksOf(row(id).resourceId));
    }

    @Test
    void aStepsFinishingWriteRunsInTheTransactionThatRecordsTheStepDone() {
        String id = submit(ScriptedWorkflow.TYPE, Map.of("steps", "3", "writeAt", "0,2"));

        JobView v = awaitFinal(id);

        assertEquals(JobState.Succeeded, v.state(), v.error());
        // s1's write sees the job already at step index 1 (the progress update of its own transaction), before s2 runs;
        // the last step's write runs in the final transaction, which has already marked the job Succeeded
        assertEquals(List.of("run:0", "write:0@Running/1", "run:1", "run:2", "write:2@Succeeded/2", "onSucceeded"),
                journal.events(id));
    }

    @Test
    void aFinishingWriteThatThrowsFailsItsStepAndIsRolledBackWithTheProgress() {
        String id = submit(ScriptedWorkflow.TYPE, Map.of("steps", "3", "writeAt", "1", "failWriteAt", "1"));

        JobView v = awaitFinal(id);

        assertEquals(JobState.RolledBack, v.state(), v.error());
        assertTrue(v.error().contains("cannot finish s2"), v.error());
        assertEquals(List.of("run:0", "run:1", "write:1@Running/2", "rollback:1", "rollback:0",
                "onFailed:" + v.error()), journal.events(id));
        assertTrue(log(id).contains("ERROR step s2 failed: IllegalStateException: cannot finish s2"),
                log(id).toString());
        assertEquals(0, locksOf(row(id).resourceId));
    }

    @Test
    void aFailedStepsFinishingWriteIsDropped() {
        String id = submit(ScriptedWorkflow.TYPE, Map.of("steps", "3", "writeAt", "1", "failAt", "1"));

        JobView v = awaitFinal(id);

        assertEquals(JobState.RolledBack, v.state(), v.error());
        assertEquals(List.of("run:0", "run:1", "rollback:1", "rollback:0", "onFailed:" + v.error()),
                journal.events(id));
    }

    @Test
    void unknownTypeFailsWithAClearError() {
        String id = submit("test.no-such-workflow", Map.of());

        JobView v = awaitFinal(id);

        assertEquals(JobState.Failed, v.state());
        assertTrue(v.error().startsWith("No workflow handles job type 'test.no-such-workflow'"), v.error());
        assertEquals(0, locksOf(row(id).resourceId));
    }

    private static AuditEvent audit(String jobId) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>find("jobId", jobId).singleResult());
    }
}
