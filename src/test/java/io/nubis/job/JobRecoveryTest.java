package io.nubis.job;

import static io.nubis.job.JobFixtures.awaitFinal;
import static io.nubis.job.JobFixtures.insert;
import static io.nubis.job.JobFixtures.lock;
import static io.nubis.job.JobFixtures.locksOf;
import static io.nubis.job.JobFixtures.log;
import static io.nubis.job.JobFixtures.request;
import static io.nubis.job.JobFixtures.row;
import static io.nubis.job.JobFixtures.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.platform.Ids;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jobs left behind by a node that died: the periodic recovery sweep (every second in tests) takes them over and ends
 * them; none stays Running.
 */
@QuarkusTest
class JobRecoveryTest {

    private static final String DEAD_NODE = "dead-node";
    private static final Map<String, String> THREE_STEPS = Map.of("steps", "3");

    @Inject
    StepJournal journal;
    @Inject
    JobRecovery recovery;
    @Inject
    JobNode node;

    private static Instant expired() {
        return Instant.now().minusSeconds(60);
    }

    @Test
    void expiredRunningJobOfResumeWorkflowIsResumedAtItsStep() {
        Job orphan = insert(ScriptedWorkflow.TYPE, JobState.Running, THREE_STEPS, 1, 3, 1, DEAD_NODE, expired(), null);

        JobView v = awaitFinal(orphan.id);

        assertEquals(JobState.Succeeded, v.state(), v.error());
        // step s1 (index 0) was done by the dead node; s2 is re-run, then s3
        assertEquals(List.of("run:1", "run:2", "onSucceeded"), journal.events(orphan.id));
        Job j = row(orphan.id);
        assertEquals(2, j.attempts);
        assertEquals(0, locksOf(orphan.resourceId));
        assertTrue(log(orphan.id).stream()
                .anyMatch(l -> l.contains("from node " + DEAD_NODE) && l.contains("resuming at step 's2'")),
                log(orphan.id).toString());
    }

    @Test
    void expiredRunningJobOfRollbackWorkflowHasEveryStepRolledBack() {
        Job orphan = insert(RollbackOnRecoveryWorkflow.TYPE, JobState.Running, THREE_STEPS, 1, 3, 1, DEAD_NODE,
                expired(), null);

        JobView v = awaitFinal(orphan.id);

        assertEquals(JobState.RolledBack, v.state());
        assertTrue(v.error().startsWith("Interrupted after step 's2' began: node dead-node"), v.error());
        // the row names s2, but such a workflow records its progress only now and then: s3 may have run too
        assertEquals(List.of("rollback:2", "rollback:1", "rollback:0", "onFailed:" + v.error()),
                journal.events(orphan.id));
        assertEquals(0, locksOf(orphan.resourceId));
        assertTrue(log(orphan.id).stream()
                .anyMatch(l -> l.contains("rolling back every step (the last it recorded: 's2')")),
                log(orphan.id)
                        .toString());
    }

    @Test
    void resumeWorkflowIsRolledBackOnceItsAttemptsAreUsedUp() {
        Job orphan = insert(ScriptedWorkflow.TYPE, JobState.Running, THREE_STEPS, 2, 3, 3, DEAD_NODE, expired(), null);

        JobView v = awaitFinal(orphan.id);

        assertEquals(JobState.RolledBack, v.state());
        assertTrue(v.error().contains("max-attempts 3"), v.error());
        assertEquals(List.of("rollback:2", "rollback:1", "rollback:0", "onFailed:" + v.error()),
                journal.events(orphan.id));
    }

    @Test
    void expiredRollingBackJobContinuesItsRollbackAndKeepsTheCause() {
        String cause = "volume create failed on host h7";
        Job orphan = insert(ScriptedWorkflow.TYPE, JobState.RollingBack, THREE_STEPS, 1, 3, 1, DEAD_NODE, expired(),
                cause);

        JobView v = awaitFinal(orphan.id);

        assertEquals(JobState.RolledBack, v.state());
        assertEquals(cause, v.error());
        assertEquals(List.of("rollback:1", "rollback:0", "onFailed:" + cause), journal.events(orphan.id));
    }

    @Test
    void runningJobWithAValidLeaseIsLeftAlone() throws Exception {
        Job alive = insert(ScriptedWorkflow.TYPE, JobState.Running, THREE_STEPS, 1, 3, 1, "live-node",
                Instant.now().plusSeconds(600), null);
        try {
            recovery.sweep(false);
            Job j = row(alive.id);
            assertEquals(JobState.Running, j.state);
            assertEquals("live-node", j.leaseOwner);
            assertEquals(List.of(), journal.events(alive.id));
        } finally {
            JobFixtures.delete(List.of(alive.id));
        }
    }

    @Test
    void atStartupJobsLeasedToThisNodeAreTakenOverEvenWithAValidLease() {
        Job mine = insert(ScriptedWorkflow.TYPE, JobState.Running, THREE_STEPS, 2, 3, 1, node.id(),
                Instant.now().plusSeconds(600), null);

        int taken = recovery.sweep(true);

        assertTrue(taken >= 1);
        JobView v = awaitFinal(mine.id);
        assertEquals(JobState.Succeeded, v.state());
        assertEquals(List.of("run:2", "onSucceeded"), journal.events(mine.id));
    }

    @Test
    void staleLockOfAFinishedJobDoesNotBlockItsResource() {
        Job done = insert(ScriptedWorkflow.TYPE, JobState.Succeeded, THREE_STEPS, 2, 3, 1, null, null, null);
        String resource = Ids.newId();
        lock(resource, done.id);

        String id = submit(request(ScriptedWorkflow.TYPE, resource, JobFixtures.SYSTEM.accountId(), Map.of()));

        JobView v = awaitFinal(id);
        assertEquals(JobState.Succeeded, v.state());
        assertEquals(0, locksOf(resource));
    }
}
