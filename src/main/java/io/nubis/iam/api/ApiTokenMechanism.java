package io.nubis.iam.api;

import io.nubis.iam.ApiTokenRequest;
import io.nubis.iam.ApiTokenService;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Personal API tokens on the JSON API (issue 9): {@code Authorization: Bearer nbt_...} under {@code /v1}. Runs before
 * the OIDC mechanism and leaves every other request (Keycloak JWTs, the portal's session) to it.
 */
@ApplicationScoped
public class ApiTokenMechanism extends ApiBearerMechanism {

    @Override
    BaseAuthenticationRequest request(String token) {
        return token.startsWith(ApiTokenService.PREFIX) ? new ApiTokenRequest(token) : null;
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
