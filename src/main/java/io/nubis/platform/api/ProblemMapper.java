package io.nubis.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.nubis.platform.FieldError;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.Messages;
import io.nubis.platform.NubisException;
import io.nubis.platform.web.ErrorPages;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every error once: to problem JSON under {@code /v1}, to a friendly page elsewhere. Unexpected exceptions become
 * a 500 with a reference id that is also logged; no class name or stack trace reaches the client.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    public static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    ErrorPages pages;

    @ServerExceptionMapper
    public Response nubis(NubisException e, HttpServerRequest req) {
        if (!isApi(req)) {
            return pages.render(e.status(), e.key(), e.args());
        }
        List<Problem.FieldProblem> fields = e instanceof InvalidInputException iie
                ? iie.errors().stream().map(ProblemMapper::field).toList()
                : List.of();
        String detail = e instanceof InvalidInputException iie
                ? iie.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "))
                : e.getMessage();
        return problem(e.status(), detail, req, e.key(), fields);
    }

    /** Overrides quarkus-rest-jackson's own mapper for this type, which answers in a different shape. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, HttpServerRequest req) {
        return json(e, req);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest req) {
        String field = e instanceof JsonMappingException jme && !jme.getPath().isEmpty()
                ? jme.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : null;
        if (field != null) {
            FieldError fe = new FieldError(field, "error_json_field");
            return problem(400, field + ": " + fe.message(), req, "error_invalid_input", List.of(field(fe)));
        }
        return problem(400, Messages.english("error_json_body", List.of()), req, "error_json_body", List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest req) {
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return json(jpe, req);
        }
        int status = e.getResponse().getStatus();
        if (!isApi(req)) {
            return status == 404
                    ? pages.render(404, "error_page_not_found", List.of())
                    : pages.render(status, "error_http", List.of(status));
        }
        String key = status == 404 ? "error_page_not_found" : "error_http";
        return problem(status, Messages.english(key, List.of(status)), req, key, List.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, HttpServerRequest req) {
        return problem(401, Messages.english("error_unauthorized", List.of()), req, "error_unauthorized", List.of());
    }

    @ServerExceptionMapper(io.quarkus.security.ForbiddenException.class)
    public Response forbidden(RuntimeException e, HttpServerRequest req) {
        if (!isApi(req)) {
            return pages.render(403, "error_admin_only", List.of());
        }
        return problem(403, Messages.english("error_admin_only", List.of()), req, "error_admin_only", List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest req) {
        String ref = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "unexpected error %s on %s %s", ref, req.method(), req.path());
        if (!isApi(req)) {
            return pages.render(500, "error_internal", List.of(ref));
        }
        return problem(500, Messages.english("error_internal", List.of(ref)), req, "error_internal", List.of());
    }

    private static Problem.FieldProblem field(FieldError f) {
        return new Problem.FieldProblem(f.field(), f.key(), f.message());
    }

    static boolean isApi(HttpServerRequest req) {
        String p = req.path();
        return p.equals("/v1") || p.startsWith("/v1/");
    }

    private static Response problem(int status, String detail, HttpServerRequest req, String code,
            List<Problem.FieldProblem> fields) {
        Response.Status s = Response.Status.fromStatusCode(status);
        String title = s == null ? "Error" : s.getReasonPhrase();
        Problem p = new Problem("about:blank", title, status, detail, req.path(), code, fields);
        return Response.status(status).type(PROBLEM_JSON).entity(p).build();
    }
}
