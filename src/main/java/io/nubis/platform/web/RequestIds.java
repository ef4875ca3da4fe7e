package io.nubis.platform.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP request an id (issue 13): the caller's {@code X-Request-Id} when it is a plain token (letters,
 * digits, {@code . _ -}, at most 64), else a new UUID. It goes back in the response's {@code X-Request-Id} and into the
 * logging context as {@code requestId}, so every log line of the request's work carries it (Quarkus keeps the logging
 * context per request, also on the worker thread that runs a blocking endpoint).
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(-1100).handler(this::tag);
    }

    void tag(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && TOKEN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        MDC.put("requestId", id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }
}
