package io.nubis.iam.api;

import io.nubis.iam.ApiTokenService;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
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
public class VerifiedTokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    @Inject
    VerifiedTokens tokens;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        String path = context.normalizedPath();
        if (header == null || !header.startsWith(BEARER) || header.startsWith(BEARER + ApiTokenService.PREFIX)
                || !(path.equals("/v1") || path.startsWith("/v1/"))) {
            return Uni.createFrom().nullItem();
        }
        String token = header.substring(BEARER.length()).trim();
        if (tokens.find(token) == null) {
            return Uni.createFrom().nullItem();
        }
        VerifiedTokenRequest request = new VerifiedTokenRequest(token);
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identities.authenticate(request);
    }

    /** No challenge of its own: the OIDC mechanism answers. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
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
