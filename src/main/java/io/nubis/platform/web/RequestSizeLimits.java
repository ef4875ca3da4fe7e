package io.nubis.platform.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request body limits per endpoint (issue 6). {@code quarkus.http.limits.max-body-size} must be large for image
 * uploads, which stream gigabytes; every other request is small (JSON, forms), so a body above
 * {@code nubis.http.max-request-bytes} (default 1 MiB) is refused with 413 before anything reads it. Such a request
 * must say its size: a body sent in chunks without a {@code Content-Length} is refused with 411 (browsers, curl and
 * HTTP clients send the length for ordinary requests). Only the upload endpoints take large and chunked bodies.
 */
@ApplicationScoped
public class RequestSizeLimits {

    /** The endpoints that take image files: only these accept large or chunked bodies. */
    static final Set<String> UPLOADS = Set.of("/v1/images/upload", "/admin/images/upload", "/portal/images/upload");
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    @ConfigProperty(name = "nubis.http.max-request-bytes", defaultValue = "1048576")
    long maxBytes;

    void install(@Observes Router router) {
        // before Quarkus's own handlers (negative order): nothing has read the body yet
        router.route().order(-1000).handler(this::check);
    }

    void check(RoutingContext ctx) {
        if (!WITH_BODY.contains(ctx.request().method()) || UPLOADS.contains(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            String encoding = ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
            if (encoding != null && !encoding.isBlank()) {
                ctx.response().setStatusCode(411).end("This request must state its size (Content-Length).");
                return;
            }
            ctx.next();
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            ctx.response().setStatusCode(400).end("Invalid Content-Length.");
            return;
        }
        if (bytes > maxBytes) {
            ctx.response().setStatusCode(413).end("The request is larger than this server accepts (" + maxBytes
                    + " bytes); image files go to the upload endpoints.");
            return;
        }
        ctx.next();
    }
}
