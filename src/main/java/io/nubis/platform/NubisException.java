package io.nubis.platform;

import java.util.List;

/**
 * Base of every error a service throws on purpose. Each subtype maps to one HTTP status in the API and to a friendly
 * message in the portal. The message is a message-bundle key plus arguments, so the portal can show it in the user's
 * language; {@link #getMessage()} is the English text for logs.
 */
public abstract class NubisException extends RuntimeException {

    private final Text text;

    protected NubisException(Text text) {
        super(text.key());
        this.text = text;
    }

    /** The HTTP status this error maps to. */
    public abstract int status();

    /** The message: a text of a bundle with its arguments. */
    public Text text() {
        return text;
    }

    /** Message-bundle key of {@link #text()}. */
    public String key() {
        return text.key();
    }

    public List<Object> args() {
        return text.args();
    }

    @Override
    public String getMessage() {
        return text.english();
    }
}
