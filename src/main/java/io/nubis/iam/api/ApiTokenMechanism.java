package io.nubis.iam.api;

import io.nubis.iam.ApiTokenRequest;
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
import java.util.Set;

/**
 * Personal API tokens on the JSON API (issue 9): {@code Authorization: Bearer nbt_...} under {@code /v1}. Runs before
 * the OIDC mechanism and leaves every other request (Keycloak JWTs, the portal's session) to it.
 */
@ApplicationScoped
public class ApiTokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer " + ApiTokenService.PREFIX;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        String path = context.normalizedPath();
        if (header == null || !header.startsWith(BEARER) || !(path.equals("/v1") || path.startsWith("/v1/"))) {
            return Uni.createFrom().nullItem();
        }
        ApiTokenRequest request = new ApiTokenRequest(header.substring("Bearer ".length()).trim());
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identities.authenticate(request);
    }

    /** No challenge of its own: the OIDC mechanism answers (401 under /v1, a login redirect in the portal). */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenRequest.class);
    }

    @Override
    public int getPriority() {
        return 3000;
    }
}
