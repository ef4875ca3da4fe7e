package io.nubis.iam;

import java.security.Principal;

/** The principal of a request authenticated with a personal API token: the Nubis user it acts for. */
public record ApiTokenPrincipal(String userId) implements Principal {

    @Override
    public String getName() {
        return userId;
    }
}
