package io.nubis.job;

import io.nubis.iam.Caller;
import io.nubis.platform.Ids;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Submits, waits for and inspects jobs in tests, straight against the database. */
public final class JobFixtures {

    public static final Caller SYSTEM = Caller.system();
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private JobFixtures() {
    }

    public static JobRequest request(String type, String resourceId, String ownerAccountId,
            Map<String, String> params) {
        return new JobRequest(type, "test-resource", resourceId, "res-" + resourceId.substring(0, 8), ownerAccountId,
                params);
    }

    /** Submits one job in its own transaction; the job id. */
    public static String submit(String type, Map<String, String> params) {
        return submit(request(type, Ids.newId(), SYSTEM.accountId(), params));
    }

    public static String submit(JobRequest request) {
        return submitAll(List.of(request)).get(0);
    }

    /** Submits the requests in one transaction, in order. */
    public static List<String> submitAll(List<JobRequest> requests) {
        JobService jobs = Arc.container().instance(JobService.class).get();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> ids = new ArrayList<>();
            for (JobRequest r : requests) {
                ids.add(jobs.submit(SYSTEM, r));
            }
            return ids;
        });
    }

    /** Waits for a final state; fails the test when it does not come. */
    public static JobView awaitFinal(String id) {
        JobView v = Arc.container().instance(JobService.class).get().await(SYSTEM, id, TIMEOUT);
        if (!v.done()) {
            throw new AssertionError("job " + id + " not final after " + TIMEOUT + ": " + v);
        }
        return v;
    }

    public static Job row(String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Job j = Job.findById(id);
            if (j != null) {
                em().detach(j);
            }
            return j;
        });
    }

    public static List<String> log(String id) {
        return Arc.container().instance(JobService.class).get().log(SYSTEM, id).stream()
                .map(l -> l.level() + " " + l.message()).toList();
    }

    public static long locksOf(String resourceId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em()
                        .createNativeQuery("SELECT COUNT(*) FROM resource_lock WHERE resource_id = ?1")
                        .setParameter(1, resourceId).getSingleResult()).longValue());
    }

    public static void lock(String resourceId, String jobId) {
        QuarkusTransaction.requiringNew().run(() -> em()
                .createNativeQuery("INSERT INTO resource_lock (resource_id, job_id, locked_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, resourceId).setParameter(2, jobId).setParameter(3, Instant.now()).executeUpdate());
    }

    /** Writes a job row as a node would have left it, plus its resource lock when the state is active. */
    public static Job insert(String type, JobState state, Map<String, String> params, int stepIndex, int stepCount,
            int attempts, String leaseOwner, Instant leaseUntil, String error) {
        return insert(SYSTEM.accountId(), type, state, params, stepIndex, stepCount, attempts, leaseOwner, leaseUntil,
                error);
    }

    /** The same, for a resource (and job) owned by {@code accountId}. */
    public static Job insert(String accountId, String type, JobState state, Map<String, String> params, int stepIndex,
            int stepCount, int attempts, String leaseOwner, Instant leaseUntil, String error) {
        JobService jobs = Arc.container().instance(JobService.class).get();
        Instant now = Instant.now();
        Job j = new Job();
        j.id = Ids.newId();
        j.type = type;
        j.resourceType = "test-resource";
        j.resourceId = Ids.newId();
        j.resourceName = "orphan";
        j.accountId = accountId;
        j.callerAccountId = SYSTEM.accountId();
        j.callerAccountName = SYSTEM.accountName();
        j.userName = SYSTEM.username();
        j.callerAdmin = true;
        j.state = state;
        j.stepIndex = stepIndex;
        j.stepCount = stepCount;
        j.stepName = "s" + (stepIndex + 1);
        j.params = jobs.toJson(params);
        j.context = "{}";
        j.error = error;
        j.attempts = attempts;
        j.leaseOwner = leaseOwner;
        j.leaseUntil = leaseUntil;
        j.createdAt = now.minusSeconds(120);
        j.startedAt = state == JobState.Pending ? null : now.minusSeconds(100);
        j.finishedAt = state.isFinal() ? now.minusSeconds(90) : null;
        j.updatedAt = now;
        QuarkusTransaction.requiringNew().run(() -> j.persist());
        if (state == JobState.Running || state == JobState.RollingBack) {
            lock(j.resourceId, j.id);
        }
        return j;
    }

    /** Removes jobs (and their locks and log lines) a test made by hand. */
    public static void delete(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            em().createNativeQuery("DELETE FROM resource_lock WHERE job_id IN (?1)").setParameter(1, ids)
                    .executeUpdate();
            em().createNativeQuery("DELETE FROM job_log WHERE job_id IN (?1)").setParameter(1, ids).executeUpdate();
            em().createNativeQuery("DELETE FROM job WHERE id IN (?1)").setParameter(1, ids).executeUpdate();
        });
    }

    static EntityManager em() {
        return Arc.container().instance(EntityManager.class).get();
    }
}
