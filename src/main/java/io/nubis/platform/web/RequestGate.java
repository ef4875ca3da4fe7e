package io.nubis.platform.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At most {@code nubis.http.concurrent-requests} API and portal requests are served at a time; the others wait in
 * arrival order, before anything is done for them, and go on as earlier ones end (issue 7). On two cores a hundred
 * requests served at once take turns on the CPU by the scheduler's time slices, each also waiting for the event loop
 * that reads its connection, and their latencies spread to twice the median; served a few at a time, in order, each
 * waits for those ahead of it and then runs nearly alone, so the latencies stay close to their mean. The throughput
 * does not drop as long as enough requests run to keep the cores busy while some wait for the database (the default:
 * four per processor). docs/performance.md, 2026-12-06, seventh session.
 * <p>
 * Not gated, because they last long or must answer under load: WebSocket upgrades (consoles), the image upload
 * endpoints (they stream for minutes) and {@code /q/} (health, metrics). Nobody holds a place or waits for one longer
 * than {@code nubis.http.queue-wait-max} (2 s): a request served for longer goes on outside the count, and one that
 * waited that long is served beside the others. So requests that hang (a tenant's client that announces a body and
 * never sends it, a slow identity provider behind an admin action) hold the others back once, for at most that long,
 * however long they last or however many such a client keeps open. A waiting request whose connection closes leaves the
 * queue. Waiting requests count as being served for {@link RequestsInFlight}, whose handler runs before this one: job
 * steps keep letting them go first.
 */
@ApplicationScoped
public class RequestGate {

    /** How many requests are served at a time; 0 = four per processor. */
    @ConfigProperty(name = "nubis.http.concurrent-requests", defaultValue = "0")
    int configured;
    /** The longest a request waits for its turn before it is served anyway, and holds its place. */
    @ConfigProperty(name = "nubis.http.queue-wait-max", defaultValue = "2S")
    Duration maxWait;

    private AdmissionQueue queue;

    void install(@Observes Router router, Vertx vertx, MeterRegistry registry) {
        int limit = configured > 0 ? configured : 4 * Runtime.getRuntime().availableProcessors();
        queue = new AdmissionQueue(limit, maxWait.toNanos(), System::nanoTime);
        registry.gauge("nubis.http.requests.waiting", this, RequestGate::waiting);
        registry.gauge("nubis.http.requests.serving", this, RequestGate::serving);
        // after RequestIds (-1100) and RequestsInFlight (-1090), before the size check and everything of Quarkus's
        router.route().order(-1085).handler(this::enter);
        vertx.setPeriodic(100, id -> queue.sweep());
    }

    /** Whether a request to {@code path} (with this {@code Upgrade} header, or null) waits for its turn here. */
    static boolean gated(String path, String upgrade) {
        return RequestsInFlight.counted(path, upgrade) && !RequestSizeLimits.UPLOADS.contains(path);
    }

    void enter(RoutingContext ctx) {
        if (!gated(ctx.normalizedPath(), ctx.request().getHeader("Upgrade"))) {
            ctx.next();
            return;
        }
        // a request admitted later goes on on its connection's event loop (Quarkus keeps the request paused meanwhile)
        Context context = Vertx.currentContext();
        AdmissionQueue.Ticket t = queue
                .ticket(context == null ? ctx::next : () -> context.runOnContext(v -> ctx.next()));
        // the response's end or the connection's close frees the place, or takes the request out of the queue
        ctx.addEndHandler(done -> queue.leave(t));
        if (queue.enter(t)) {
            ctx.next();
        }
    }

    /** Requests served at a time. */
    public int limit() {
        return queue.limit();
    }

    /** Requests holding a place now (above the limit only while some that waited too long do). */
    public int serving() {
        return queue.serving();
    }

    /** Requests admitted since the server started. */
    public long admitted() {
        return queue.admittedTotal();
    }

    /** Requests waiting for their turn now. */
    public int waiting() {
        return queue.waiting();
    }
}
