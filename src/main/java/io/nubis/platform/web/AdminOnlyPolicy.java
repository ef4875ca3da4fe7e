package io.nubis.platform.web;

import io.nubis.iam.CallerResolver;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * HTTP security policy {@value #NAME}: the caller is in the admin account (Keycloak group {@code /accounts/admin}).
 * Applied in application.properties to endpoints whose body must not even be read for anyone else: the admin image
 * upload page, whose multipart body Quarkus would spool to disk before the resource method could check rights (issue
 * 6). The method checks again through {@code AccessControl}; this policy only refuses early.
 */
@ApplicationScoped
public class AdminOnlyPolicy implements HttpSecurityPolicy {

    public static final String NAME = "nubis-admin";
    static final String ADMIN_GROUP = CallerResolver.ACCOUNT_GROUP_PREFIX + "admin";

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext requestContext) {
        return identity.map(id -> !id.isAnonymous() && inAdminGroup(id) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    @Override
    public String name() {
        return NAME;
    }

    static boolean inAdminGroup(SecurityIdentity id) {
        if (!(id.getPrincipal() instanceof JsonWebToken jwt) || !(jwt.getClaim("groups") instanceof Collection<?> g)) {
            return false;
        }
        return g.stream().map(v -> String.valueOf(v).replace("\"", "")).anyMatch(ADMIN_GROUP::equals);
    }
}
