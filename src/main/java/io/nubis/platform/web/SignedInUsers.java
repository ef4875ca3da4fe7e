package io.nubis.platform.web;

import java.util.Optional;

/**
 * Finds the signed-in user of the current request. The iam feature implements it; the platform knows no feature, so the
 * layout asks through this interface.
 */
public interface SignedInUsers {

    /** The current user, empty when the request is anonymous. Must not throw. */
    Optional<SignedInUser> current();
}
