package io.nubis.platform;

import java.util.List;

/**
 * Base of every error a service throws on purpose. Each subtype maps to one HTTP status in the API and to a friendly
 * message in the portal. The message is a message-bundle key plus arguments, so the portal can show it in the user's
 * language; {@link #getMessage()} is the English text for logs.
 */
public abstract class NubisException extends RuntimeException {

    private final String key;
    private final List<Object> args;

    protected NubisException(String key, Object... args) {
        super(key);
        this.key = key;
        this.args = List.of(args);
    }

    /** The HTTP status this error maps to. */
    public abstract int status();

    /** Message-bundle key (see {@code messages/msg.properties}). */
    public String key() {
        return key;
    }

    public List<Object> args() {
        return args;
    }

    @Override
    public String getMessage() {
        return Messages.english(key, args);
    }
}
