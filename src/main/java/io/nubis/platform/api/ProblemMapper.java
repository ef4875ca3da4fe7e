package io.nubis.platform.api;

import io.nubis.platform.Text;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.nubis.platform.FieldError;
import io.nubis.platform.InvalidInputException;
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
            return pages.render(e.status(), e.text());
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
            FieldError fe = new FieldError(field, Text.msg(m -> m.error_json_field()));
            return problem(400, field + ": " + fe.message(), req, Text.msg(m -> m.error_invalid_input()).key(),
                    List.of(field(fe)));
        }
        return problem(400, Text.msg(m -> m.error_json_body()), req);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest req) {
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return json(jpe, req);
        }
        int status = e.getResponse().getStatus();
        Text text = status == 404 ? Text.msg(m -> m.error_page_not_found()) : Text.msg(m -> m.error_http(status));
        if (!isApi(req)) {
            return pages.render(status, text);
        }
        return problem(status, text, req);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, HttpServerRequest req) {
        return problem(401, Text.msg(m -> m.error_unauthorized()), req);
    }

    @ServerExceptionMapper(io.quarkus.security.ForbiddenException.class)
    public Response forbidden(RuntimeException e, HttpServerRequest req) {
        if (!isApi(req)) {
            return pages.render(403, Text.msg(m -> m.error_admin_only()));
        }
        return problem(403, Text.msg(m -> m.error_admin_only()), req);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest req) {
        String ref = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "unexpected error %s on %s %s", ref, req.method(), req.path());
        if (!isApi(req)) {
            return pages.render(500, Text.msg(m -> m.error_internal(ref)));
        }
        return problem(500, Text.msg(m -> m.error_internal(ref)), req);
    }

    private static Response problem(int status, Text text, HttpServerRequest req) {
        return problem(status, text.english(), req, text.key(), List.of());
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
