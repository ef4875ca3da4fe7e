package io.nubis.platform;

import java.util.List;

/** One problem with one input field: the field name as the client sent it, a message key and its arguments. */
public record FieldError(String field, String key, List<Object> args) {

    public FieldError(String field, Text text) {
        this(field, text.key(), text.args());
    }

    public Text text() {
        return new Text(key, args);
    }

    /** English text, for the API and logs. */
    public String message() {
        return Messages.english(key, args);
    }
}
