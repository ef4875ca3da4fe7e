package io.nubis.iam.web;

import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.platform.NubisException;
import io.nubis.platform.web.SignedInUser;
import io.nubis.platform.web.SignedInUsers;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in user for the portal layout, from the request's {@link Caller}. A user without an account still shows by
 * name. On an I/O thread (error pages of unrouted paths) the caller is not resolved, since that may block.
 */
@RequestScoped
public class PortalUsers implements SignedInUsers {

    @Inject
    SecurityIdentity identity;
    @Inject
    CallerResolver callers;

    private Optional<SignedInUser> current;

    @Override
    public Optional<SignedInUser> current() {
        if (current == null) {
            current = resolve();
        }
        return current;
    }

    private Optional<SignedInUser> resolve() {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        if (BlockingOperationControl.isBlockingAllowed()) {
            try {
                Caller c = callers.caller();
                return Optional.of(new SignedInUser(c.username(), c.accountName(), c.admin()));
            } catch (NubisException noAccount) {
                // shown by name only
            }
        }
        return Optional.of(new SignedInUser(username(), null, false));
    }

    private String username() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("preferred_username") != null) {
            return String.valueOf(jwt.<Object>getClaim("preferred_username")).replace("\"", "");
        }
        return identity.getPrincipal().getName();
    }
}
