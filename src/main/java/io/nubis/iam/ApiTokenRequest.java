package io.nubis.iam;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A request's {@code Authorization: Bearer nbt_...} value, for {@link ApiTokenIdentityProvider}. */
public class ApiTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public ApiTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
