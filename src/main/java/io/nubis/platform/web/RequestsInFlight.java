package io.nubis.platform.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many HTTP requests (API, portal) this server is serving right now, so that background work can let them go first
 * (issue 7: the job engine starts its next step once no request is being served, or after a bounded wait; see
 * {@code nubis.jobs.requests-first}). Not counted: WebSocket upgrades (a console stays open for minutes) and the
 * {@code /q/} endpoints (health, metrics). A request leaves the count when its response ends or its connection closes.
 */
@ApplicationScoped
public class RequestsInFlight {

    private final AtomicInteger count = new AtomicInteger();
    private final Object idle = new Object();
    /** Threads in {@link #awaitIdle}; the request that ends the last one wakes them only when there are any. */
    private volatile int waiting;

    void install(@Observes Router router) {
        router.route().order(-1090).handler(this::track);
    }

    void track(RoutingContext ctx) {
        if (counted(ctx.normalizedPath(), ctx.request().getHeader("Upgrade"))) {
            count.incrementAndGet();
            ctx.addEndHandler(done -> ended());
        }
        ctx.next();
    }

    /** Whether a request to {@code path} (with this {@code Upgrade} header, or null) is counted. */
    public static boolean counted(String path, String upgrade) {
        return upgrade == null && path != null && !path.startsWith("/q/") && !path.equals("/q");
    }

    /** Requests being served now. */
    public int count() {
        return count.get();
    }

    private void ended() {
        if (count.decrementAndGet() <= 0 && waiting > 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /**
     * Waits until no request is being served, at most {@code max}; true when none is (at some moment before return),
     * false when {@code max} passed first.
     */
    public boolean awaitIdle(Duration max) throws InterruptedException {
        if (count.get() <= 0) {
            return true;
        }
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (idle) {
            waiting++;
            try {
                while (count.get() > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                }
                return true;
            } finally {
                waiting--;
            }
        }
    }
}
