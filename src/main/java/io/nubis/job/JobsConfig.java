package io.nubis.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Job engine settings ({@code nubis.jobs.*}). See docs/jobs.md for how they interact. */
@ConfigMapping(prefix = "nubis.jobs")
public interface JobsConfig {

    /**
     * Worker threads of this management server; each runs one job at a time, so also the most jobs it claims. 0 turns
     * the engine off on this server (it still accepts jobs; other servers run them).
     */
    @WithDefault("16")
    int workers();

    /**
     * How long a claimed job stays owned by this server without a renewal. Renewed every third of it; a job whose lease
     * ran out is taken over by recovery (here or on another server).
     */
    @WithDefault("30s")
    Duration lease();

    /** Longest wait between two claim attempts when nothing wakes the dispatcher (a submit wakes it at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How often recovery looks for jobs whose lease expired and for stale resource locks. */
    @WithDefault("5s")
    Duration recoveryInterval();

    /**
     * Most times a job runs forward: a RESUME workflow interrupted this often (its server died each time) is rolled
     * back instead of resumed again.
     */
    @WithDefault("3")
    int maxAttempts();

    /**
     * Name of this server in {@code job.lease_owner}; must be unique among the servers sharing the database. Default:
     * host name + ":" + HTTP port.
     */
    Optional<String> nodeId();

    /**
     * Longest a job's next step waits to start while this server is serving HTTP requests (API, portal): requests go
     * first, so a burst of creates is answered before the jobs it started compete for the CPU. 0 = steps never wait.
     */
    @WithDefault("500ms")
    Duration requestsFirst();

    /**
     * How many steps run at a time once {@link #requestsFirst()} has passed while requests are still being served
     * ({@code StepTurns}); a step waits for a turn at most {@code requests-first} again. 0 = no limit.
     */
    @WithDefault("2")
    int stepsBesideRequests();

    /**
     * For workflows whose recovery undoes every step ({@link Workflow.Recovery#ROLLBACK}): the engine records the job's
     * progress between two steps only when this long has passed since it last wrote the job row, so a job that runs in
     * a second costs no write per step. Other workflows record every step (recovery resumes at it).
     */
    @WithDefault("2s")
    Duration progressInterval();

    /**
     * How long a job that has ended is kept, with its log ({@code JobHistoryPruner}, once an hour); 0 keeps every job.
     * Jobs of the needs-attention list are kept whatever their age.
     */
    @WithDefault("30d")
    Duration retention();

    /** How often the ended jobs past {@link #retention()} are deleted (read by {@code JobHistoryPruner}'s schedule). */
    @WithDefault("1h")
    Duration pruneInterval();

    /** How long shutdown waits for running steps to finish before it leaves their jobs to recovery. */
    @WithDefault("10s")
    Duration shutdownGrace();
}
