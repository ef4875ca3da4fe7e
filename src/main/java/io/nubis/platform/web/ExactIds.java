package io.nubis.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Ids in request paths are compared exactly (issue 6). The database compares ids case-insensitively and ignores
 * trailing spaces ({@code utf8mb4_unicode_ci}), so {@code /v1/zones/<ID IN CAPITALS>} or {@code /v1/zones/<id>%20}
 * found the zone {@code <id>}. Every id Nubis issues is a lower-case canonical UUID ({@link io.nubis.platform.Ids}); a
 * path segment that is a UUID only when case or surrounding spaces are ignored names nothing: 404 before routing. Ids
 * in bodies and query parameters are validated by {@code Validation.id} (lower case only).
 */
public class ExactIds {

    private static final Pattern LOOSE_UUID = Pattern
            .compile("^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$");
    private static final Pattern UUID = Pattern
            .compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    @ServerRequestFilter(preMatching = true)
    public Response exact(ContainerRequestContext request) {
        for (String segment : request.getUriInfo().getPath(true).split("/")) {
            if (!segment.isEmpty() && LOOSE_UUID.matcher(segment).matches() && !UUID.matcher(segment).matches()) {
                return Response.status(Response.Status.NOT_FOUND).build();
            }
        }
        return null;
    }
}
