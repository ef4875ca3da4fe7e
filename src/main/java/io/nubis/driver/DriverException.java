package io.nubis.driver;

/** A host operation failed. The message is for an admin: what failed, on which host, and why. */
public class DriverException extends Exception {

    public DriverException(String message) {
        super(message);
    }

    public DriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
