package io.nubis.iam.api;

import io.nubis.iam.ApiTokenService;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * A Keycloak access token on the JSON API that this server verified before ({@link VerifiedTokens}): the identity it
 * had then, without checking the signature again. Runs before the OIDC mechanism and leaves it every request it does
 * not answer: another path, no bearer token, a personal API token ({@link ApiTokenMechanism}), a token not verified
 * here yet, or one that has expired.
 */
@ApplicationScoped
public class VerifiedTokenMechanism extends ApiBearerMechanism {

    @Inject
    VerifiedTokens tokens;

    @Override
    BaseAuthenticationRequest request(String token) {
        return !token.startsWith(ApiTokenService.PREFIX) && tokens.find(token) != null
                ? new VerifiedTokenRequest(token)
                : null;
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(VerifiedTokenRequest.class);
    }

    @Override
    public int getPriority() {
        return 2900; // after personal API tokens (3000), before OIDC
    }
}
