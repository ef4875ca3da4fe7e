package io.nubis.platform;

/** The request is valid but clashes with the current state (non-empty zone, host busy, duplicate name...). */
public class ConflictException extends NubisException {

    public ConflictException(Text text) {
        super(text);
    }

    @Override
    public int status() {
        return 409;
    }
}
