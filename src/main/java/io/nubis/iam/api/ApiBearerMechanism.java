package io.nubis.iam.api;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * A mechanism for bearer tokens on the JSON API ({@code /v1}) that runs before the OIDC mechanism, answers the tokens
 * it knows and leaves every other request to it; no challenge of its own (the OIDC mechanism answers: 401 under
 * {@code /v1}, a login redirect in the portal).
 */
abstract class ApiBearerMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    /** The authentication request for this bearer token, or null to leave the request to the next mechanism. */
    abstract BaseAuthenticationRequest request(String token);

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        String path = context.normalizedPath();
        if (header == null || !header.startsWith(BEARER) || !(path.equals("/v1") || path.startsWith("/v1/"))) {
            return Uni.createFrom().nullItem();
        }
        BaseAuthenticationRequest request = request(header.substring(BEARER.length()).trim());
        if (request == null) {
            return Uni.createFrom().nullItem();
        }
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identities.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }
}
