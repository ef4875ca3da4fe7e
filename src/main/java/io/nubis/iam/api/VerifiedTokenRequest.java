package io.nubis.iam.api;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token's text that {@link VerifiedTokens} holds as verified. */
public class VerifiedTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    VerifiedTokenRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }
}
