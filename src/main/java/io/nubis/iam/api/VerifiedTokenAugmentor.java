package io.nubis.iam.api;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers the access tokens the OIDC extension has verified for the JSON API ({@link VerifiedTokens}): an identity of
 * the API's tenant ({@code quarkus.oidc.api.*}) whose principal is the verified JWT and whose credential is the bearer
 * token's text. The portal's sessions (the default tenant) are not kept.
 */
@ApplicationScoped
public class VerifiedTokenAugmentor implements SecurityIdentityAugmentor {

    @Inject
    VerifiedTokens tokens;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (io.nubis.iam.CallerResolver.ofApiTenant(identity) && credential != null
                && credential.getToken() != null && identity.getPrincipal() instanceof JsonWebToken jwt
                && !tokens.holds(credential.getToken())) {
            tokens.remember(credential.getToken(), identity, jwt.getExpirationTime());
        }
        return Uni.createFrom().item(identity);
    }

    /** Last, so the identity kept is the one every other augmentor has finished. */
    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }
}
