package io.nubis.job;

import io.nubis.platform.DbTime;
import static io.nubis.job.JobFixtures.row;
import static io.nubis.job.JobFixtures.submit;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Leases of running jobs: renewed by their node, and once lost, the node stops touching the job. */
@QuarkusTest
class LeaseTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    LeaseKeeper leases;
    @Inject
    StepJournal journal;
    @Inject
    JobNode node;

    @Test
    void leaseKeeperExtendsTheLeaseOfRunningJobsOnly() {
        String id = submit(ScriptedWorkflow.TYPE, Map.of("steps", "1", "sleepMs", "1500"));
        await().atMost(WAIT).until(() -> journal.events(id).contains("run:0"));
        Job other = JobFixtures.insert(ScriptedWorkflow.TYPE, JobState.Running, Map.of(), 0, 1, 1, "other-node",
                Instant.now().plusSeconds(600), null);
        try {
            Instant before = row(id).leaseUntil;
            Instant otherBefore = row(other.id).leaseUntil;

            await().atMost(WAIT).until(() -> leases.renew() >= 1 && row(id).leaseUntil.isAfter(before));

            assertEquals(node.id(), row(id).leaseOwner);
            assertEquals(otherBefore, row(other.id).leaseUntil, "renewed a job of another node");
            assertEquals(JobState.Succeeded, JobFixtures.awaitFinal(id).state());
        } finally {
            JobFixtures.delete(List.of(other.id));
        }
    }

    @Test
    void aNodeThatLostTheLeaseStopsWorkingOnTheJob() {
        String id = submit(ScriptedWorkflow.TYPE, Map.of("steps", "3", "sleepMs", "700"));
        await().atMost(WAIT).until(() -> journal.events(id).contains("run:0"));
        Instant thiefLease = Instant.now().plusSeconds(600);
        // another node took the job over (as if this node's lease had expired)
        QuarkusTransaction.requiringNew().run(() -> JobFixtures.em()
                .createNativeQuery("UPDATE job SET lease_owner = 'thief', lease_until = :until WHERE id = :id")
                .setParameter("until", DbTime.of(thiefLease)).setParameter("id", id).executeUpdate());
        try {
            await().atMost(WAIT).until(() -> !leases.tracked().contains(id));

            Job j = row(id);
            assertEquals(JobState.Running, j.state);
            assertEquals("thief", j.leaseOwner);
            assertEquals(List.of("run:0"), journal.events(id), "kept running steps of a job it no longer owns");
            assertTrue(j.finishedAt == null);
        } finally {
            JobFixtures.delete(List.of(id));
        }
    }
}
