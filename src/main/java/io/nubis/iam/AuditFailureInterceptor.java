package io.nubis.iam;

import io.nubis.platform.ForbiddenException;
import io.nubis.platform.Ids;
import io.nubis.platform.NubisException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.jboss.logging.Logger;

/**
 * Records failed and denied mutations. Runs outside the service's transaction (lower priority number than
 * {@code @Transactional}), so it sees the exception after the rollback and writes its event in a new transaction.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class AuditFailureInterceptor {

    private static final Logger LOG = Logger.getLogger(AuditFailureInterceptor.class);

    @Inject
    AuditLog audit;

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        try {
            return ctx.proceed();
        } catch (Exception e) {
            Caller caller = null;
            String targetId = null;
            for (Object arg : ctx.getParameters()) {
                if (arg instanceof Caller c && caller == null) {
                    caller = c;
                } else if (arg instanceof String s && targetId == null && Ids.isValid(s)) {
                    targetId = s;
                }
            }
            if (caller != null) {
                String action = action(ctx);
                AuditResult result = e instanceof ForbiddenException ? AuditResult.DENIED : AuditResult.FAILURE;
                String detail = e instanceof NubisException ? e.getMessage() : "internal error";
                try {
                    audit.failure(caller, action, AuditTarget.of(null, targetId, null, null), result, detail);
                } catch (RuntimeException auditFailed) {
                    LOG.warnf(auditFailed, "could not record failed %s", action);
                }
            }
            throw e;
        }
    }

    private static String action(InvocationContext ctx) {
        Audited a = ctx.getMethod().getAnnotation(Audited.class);
        if (a == null || a.value().isEmpty()) {
            a = ctx.getMethod().getDeclaringClass().getAnnotation(Audited.class);
        }
        return a != null && !a.value().isEmpty()
                ? a.value()
                : ctx.getMethod().getDeclaringClass().getSimpleName() + "." + ctx.getMethod().getName();
    }
}
