package io.nubis.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects field errors, then throws them together: {@code Validation.start().name("name", n).throwIfAny()}. Services
 * validate with it so the API and the portal report exactly the same errors.
 */
public final class Validation {

    /** Names of infrastructure resources: letters, digits, '.', '_', '-', starting with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
    /** Host names and IPv4/IPv6 literals accepted as a host address. */
    public static final Pattern ADDRESS = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9.:-]{0,252}$");
    public static final int MAX_DESCRIPTION = 255;

    private final List<FieldError> errors = new ArrayList<>();

    private Validation() {
    }

    /** Trimmed text, or null for null or blank input (optional form and JSON fields). */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public static Validation start() {
        return new Validation();
    }

    public Validation add(String field, Text text) {
        errors.add(new FieldError(field, text));
        return this;
    }

    public boolean hasError(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public Validation required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(field, Text.msg(m -> m.error_required()));
        }
        return this;
    }

    /** Required, and matching {@link #NAME}. */
    public Validation name(String field, String value) {
        required(field, value);
        if (!hasError(field) && !NAME.matcher(value).matches()) {
            add(field, Text.msg(m -> m.error_name_format()));
        }
        return this;
    }

    public Validation maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, Text.msg(m -> m.error_too_long(max)));
        }
        return this;
    }

    public Validation id(String field, String value) {
        required(field, value);
        if (!hasError(field) && !Ids.isValid(value)) {
            add(field, Text.msg(m -> m.error_id_format()));
        }
        return this;
    }

    public Validation range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            add(field, Text.msg(m -> m.error_range(min, max)));
        }
        return this;
    }

    /** Adds {@code text} for {@code field} unless {@code ok}. */
    public Validation check(boolean ok, String field, Text text) {
        if (!ok) {
            add(field, text);
        }
        return this;
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
