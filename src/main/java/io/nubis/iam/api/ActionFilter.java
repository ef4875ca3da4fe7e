package io.nubis.iam.api;

import io.nubis.platform.Action;
import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditResult;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Authorizer;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.iam.Decision;
import io.nubis.iam.IamMessages;
import io.nubis.platform.NoAction;
import io.nubis.platform.ForbiddenException;
import io.nubis.platform.Ids;
import io.nubis.platform.Text;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one place where policies are checked (issue 9): before any API operation or portal page runs, the action it
 * declares ({@link io.nubis.platform.Action}) is decided for the caller ({@link Authorizer}); a denial answers 403 and
 * is audited as DENIED. A Nubis endpoint that declares neither an action nor {@link io.nubis.platform.NoAction} is
 * refused for everyone (fail closed; {@code ActionCatalogTest} keeps that from happening).
 */
public class ActionFilter {

    @Inject
    SecurityIdentity identity;
    @Inject
    CallerResolver callers;
    @Inject
    Authorizer authorizer;
    @Inject
    AuditLog audit;

    @ServerRequestFilter
    public void check(ResourceInfo info, UriInfo uri) {
        Method m = info.getResourceMethod();
        if (m == null || !m.getDeclaringClass().getName().startsWith("io.nubis.")
                || m.isAnnotationPresent(NoAction.class)) {
            return;
        }
        Action action = m.getAnnotation(Action.class);
        if (action == null) {
            throw ForbiddenException.adminOnly();
        }
        if (identity.isAnonymous()) {
            return;
        }
        Caller caller = callers.caller();
        if (!caller.member()) {
            return;
        }
        String resourceId = uri.getPathParameters().getFirst(action.resource());
        if (resourceId != null && !Ids.isValid(resourceId)) {
            resourceId = null;
        }
        Decision d = authorizer.decide(caller, action.value(), resourceId);
        if (!d.allowed()) {
            audit.failure(caller, action.value(), AuditTarget.of(null, resourceId, null, null), AuditResult.DENIED,
                    d.reason() + (d.policy() == null ? "" : " by policy " + d.policy()));
            String name = action.value();
            throw new ForbiddenException(Text.of(IamMessages.class, msg -> msg.error_policy_denied(name)));
        }
    }
}
