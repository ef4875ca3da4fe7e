package io.nubis.iam.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The identity of a token {@link VerifiedTokens} holds, as a copy that carries this request's routing context; a token
 * that expired since the mechanism looked fails (401), as the OIDC extension would.
 */
@ApplicationScoped
public class VerifiedTokenProvider implements IdentityProvider<VerifiedTokenRequest> {

    @Inject
    VerifiedTokens tokens;

    @Override
    public Class<VerifiedTokenRequest> getRequestType() {
        return VerifiedTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(VerifiedTokenRequest request, AuthenticationRequestContext context) {
        SecurityIdentity verified = tokens.answer(request.token());
        if (verified == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the access token has expired"));
        }
        var copy = QuarkusSecurityIdentity.builder(verified);
        Object routing = request.getAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE);
        if (routing != null) {
            copy.addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, routing);
        }
        return Uni.createFrom().item(copy.build());
    }
}
