package io.nubis.platform;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The input is invalid; carries one error per field. Nothing was written. */
public class InvalidInputException extends NubisException {

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(Text.msg(m -> m.error_invalid_input()));
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, Text text) {
        this(List.of(new FieldError(field, text)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** First error per field, for forms that show one message under each input. */
    public Map<String, FieldError> byField() {
        return errors.stream().collect(Collectors.toMap(FieldError::field, e -> e, (a, b) -> a));
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String getMessage() {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
