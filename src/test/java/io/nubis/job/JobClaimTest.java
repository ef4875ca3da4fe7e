package io.nubis.job;

import static io.nubis.job.JobFixtures.request;
import static io.nubis.job.JobFixtures.row;
import static io.nubis.job.JobFixtures.submitAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.platform.Ids;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim protocol as two nodes see it: this node's dispatcher is paused and the test claims by hand as "node-a" and
 * "node-b". The claimed jobs are deleted afterwards (nobody runs them).
 */
@QuarkusTest
class JobClaimTest {

    private static final int JOBS = 200;
    private static final int BATCH = 7;

    @Inject
    JobDispatcher dispatcher;
    @Inject
    JobClaimer claimer;

    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void pauseThisNode() {
        dispatcher.pause();
    }

    @AfterEach
    void cleanUp() {
        JobFixtures.delete(created);
        dispatcher.resume();
    }

    @Test
    void twoNodesClaimingAtOnceClaimEveryJobExactlyOnce() throws Exception {
        String owner = JobFixtures.SYSTEM.accountId();
        List<JobRequest> requests = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            requests.add(request(TimedWorkflow.TYPE, Ids.newId(), owner, Map.of()));
        }
        created.addAll(submitAll(requests));
        Set<String> ours = Set.copyOf(created);

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> a = pool.submit(claimUntilEmpty("node-a", go));
            Future<List<String>> b = pool.submit(claimUntilEmpty("node-b", go));
            go.countDown();
            List<String> byA = a.get(60, TimeUnit.SECONDS).stream().filter(ours::contains).toList();
            List<String> byB = b.get(60, TimeUnit.SECONDS).stream().filter(ours::contains).toList();
            System.out.printf("claimed concurrently: node-a %d, node-b %d of %d jobs%n", byA.size(), byB.size(), JOBS);

            List<String> all = new ArrayList<>(byA);
            all.addAll(byB);
            assertEquals(JOBS, all.size(), "claims in total");
            assertEquals(ours, new HashSet<>(all), "every job claimed, none twice");
            for (String id : byA) {
                assertClaimedBy(id, "node-a");
            }
            for (String id : byB) {
                assertClaimedBy(id, "node-b");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyTheOldestPendingJobOfAResourceIsClaimedAndOnlyOnceItsResourceIsFree() {
        String owner = JobFixtures.SYSTEM.accountId();
        String shared = Ids.newId();
        List<String> ids = submitAll(List.of(request(TimedWorkflow.TYPE, shared, owner, Map.of()),
                request(TimedWorkflow.TYPE, shared, owner, Map.of()),
                request(TimedWorkflow.TYPE, Ids.newId(), owner, Map.of())));
        created.addAll(ids);

        List<String> first = claimer.claim("node-a", 10);
        assertTrue(first.containsAll(List.of(ids.get(0), ids.get(2))), first.toString());
        assertFalse(first.contains(ids.get(1)), "second job of a resource claimed with the first");

        List<String> second = claimer.claim("node-b", 10);
        assertFalse(second.contains(ids.get(1)), "job claimed while its resource is locked");
        assertEquals(JobState.Pending, row(ids.get(1)).state);
    }

    @Test
    void aResourcesNextJobWaitsWhileAnotherNodeIsClaimingItsOldest() throws Exception {
        String owner = JobFixtures.SYSTEM.accountId();
        String shared = Ids.newId();
        List<String> ids = submitAll(List.of(request(TimedWorkflow.TYPE, shared, owner, Map.of()),
                request(TimedWorkflow.TYPE, shared, owner, Map.of())));
        created.addAll(ids);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // "node-a" is in the middle of claiming the oldest job: its row is locked, its resource not yet
            Future<?> holding = other.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                JobFixtures.em().createNativeQuery("SELECT id FROM job WHERE id = :id FOR UPDATE")
                        .setParameter("id", ids.get(0)).getResultList();
                locked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(locked.await(10, TimeUnit.SECONDS));

            List<String> claimed = claimer.claim("node-b", 10);

            assertFalse(claimed.contains(ids.get(1)), "second job of a resource overtook the first");
            release.countDown();
            holding.get(30, TimeUnit.SECONDS);
            assertEquals(JobState.Pending, row(ids.get(1)).state);
        } finally {
            release.countDown();
            other.shutdownNow();
        }
    }

    private Callable<List<String>> claimUntilEmpty(String node, CountDownLatch go) {
        return () -> {
            go.await();
            List<String> mine = new ArrayList<>();
            int empty = 0;
            while (empty < 3) {
                List<String> got = claimer.claim(node, BATCH);
                if (got.isEmpty()) {
                    empty++;
                } else {
                    empty = 0;
                    mine.addAll(got);
                }
            }
            return mine;
        };
    }

    @Test
    void aClaimReadsTheRowsAsItLeftThem() {
        String owner = JobFixtures.SYSTEM.accountId();
        String id = submitAll(List.of(request(TimedWorkflow.TYPE, Ids.newId(), owner, Map.of("k", "v")))).get(0);
        created.add(id);
        java.time.Instant before = java.time.Instant.now();
        JobSnapshot s = claimer.claimJobs("node-a", 10).stream().filter(j -> j.id().equals(id)).findFirst()
                .orElseThrow();
        Job row = row(id);
        assertEquals(TimedWorkflow.TYPE, s.type());
        assertEquals(JobState.Running, s.state());
        assertEquals("node-a", s.leaseOwner());
        assertEquals(1, s.attempts());
        assertEquals(Map.of("k", "v"), s.params());
        assertEquals(row.resourceId, s.resourceId());
        assertEquals(JobFixtures.SYSTEM.accountId(), s.caller().accountId());
        assertEquals(JobFixtures.SYSTEM.admin(), s.caller().admin());
        // the lease's end as written, to the millisecond (read back through DbTime), in the future
        assertEquals(row.leaseUntil, s.leaseUntil());
        assertTrue(s.leaseUntil().isAfter(before), s.leaseUntil().toString());
    }

    private static void assertClaimedBy(String id, String node) {
        Job j = row(id);
        assertEquals(JobState.Running, j.state, id);
        assertEquals(node, j.leaseOwner, id);
        assertEquals(1, j.attempts, id);
        assertEquals(1, JobFixtures.locksOf(j.resourceId), id);
    }
}
