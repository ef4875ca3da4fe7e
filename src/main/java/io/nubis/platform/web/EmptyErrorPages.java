package io.nubis.platform.web;

import io.nubis.platform.Text;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives a portal error response that has no body (e.g. the 400 of a form posted without a valid CSRF token, a 405) the
 * friendly error page. The JSON API under {@code /v1} is left alone.
 */
public class EmptyErrorPages {

    @Inject
    ErrorPages pages;

    @ServerResponseFilter
    public void fill(ContainerRequestContext req, ContainerResponseContext res) {
        String path = req.getUriInfo().getPath();
        if (res.getStatus() < 400 || res.hasEntity() || path.equals("/v1") || path.startsWith("/v1/")
                || "HEAD".equals(req.getMethod())) {
            return;
        }
        int status = res.getStatus();
        Text text = switch (status) {
            case 400 -> Text.msg(m -> m.error_bad_request());
            case 404 -> Text.msg(m -> m.error_page_not_found());
            default -> Text.msg(m -> m.error_http(status));
        };
        res.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.valueOf("text/html;charset=UTF-8"));
        res.setEntity(pages.html(status, text));
    }
}
