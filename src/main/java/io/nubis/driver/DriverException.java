package io.nubis.driver;

import java.util.Optional;

/**
 * A host operation failed. The message is for an admin: what failed, on which host, and why (addresses, paths, commands
 * and what the host printed may appear in it). A tenant never sees it: tenants see {@link #publicMessage()} when the
 * thrower wrote one for people (no addresses, paths, commands or host output), and a generic text with a reference
 * otherwise.
 */
public class DriverException extends Exception {

    private final String publicMessage;

    public DriverException(String message) {
        this(message, (String) null);
    }

    public DriverException(String message, Throwable cause) {
        super(message, cause);
        this.publicMessage = null;
    }

    /**
     * @param message the technical detail, for admins
     * @param publicMessage what a tenant may read, e.g. "the URL could not be fetched (HTTP 404)"; null when there is
     *     nothing to tell beyond "it failed"
     */
    public DriverException(String message, String publicMessage) {
        super(message);
        this.publicMessage = publicMessage;
    }

    /** The text written for tenants, if the thrower gave one. */
    public Optional<String> publicMessage() {
        return Optional.ofNullable(publicMessage);
    }
}
