package io.nubis.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Steps that start while the server is still serving HTTP requests after {@code nubis.jobs.requests-first}: at most
 * {@code nubis.jobs.steps-beside-requests} of them run at a time (issue 7). Without this limit every waiting worker
 * started its step the moment the bound passed, and 32 job threads took the CPU from the few requests being served at a
 * time ({@code platform.web.RequestGate}): the scheduler shares the CPU per thread. A step waits for its turn at most
 * {@code requests-first} again and then runs anyway, so a long step (a host that takes its time) holds the others back
 * by no more than that.
 */
@ApplicationScoped
class StepTurns {

    /** What a step gives back when it ends: its turn, or nothing. */
    interface Turn extends AutoCloseable {

        @Override
        void close();
    }

    static final Turn NONE = () -> {
    };

    private final Semaphore turns;
    private final long waitNanos;

    @Inject
    StepTurns(JobsConfig config) {
        this(config.stepsBesideRequests(), config.requestsFirst());
    }

    /** {@code limit} turns (0 or less: no limit), each waited for at most {@code wait}. */
    StepTurns(int limit, Duration wait) {
        this.turns = limit > 0 ? new Semaphore(limit, true) : null;
        this.waitNanos = Math.max(0, wait.toNanos());
    }

    /**
     * A turn for a step that starts while requests are being served ({@code busy}); {@link #NONE} when not busy, when
     * there is no limit, or when no turn came within the wait.
     */
    Turn take(boolean busy) {
        if (!busy || turns == null) {
            return NONE;
        }
        try {
            if (turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                return turns::release;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return NONE;
    }

    /** Turns free now (tests). */
    int free() {
        return turns == null ? Integer.MAX_VALUE : turns.availablePermits();
    }
}
