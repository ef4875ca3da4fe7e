package io.nubis.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details, the body of every API error. {@code code} is the stable message key clients can switch on;
 * {@code errors} lists field problems of a 400.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String code,
        List<FieldProblem> errors) {

    /** One invalid field: its name as the client sent it, a stable code and an English message. */
    public record FieldProblem(String field, String code, String message) {
    }
}
