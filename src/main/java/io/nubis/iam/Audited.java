package io.nubis.iam;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a mutating service method. When it throws, {@link AuditFailureInterceptor} records a FAILURE (or DENIED) event
 * for the action in its own transaction. Success events are written by the method itself, inside its transaction,
 * because only it knows the target it created.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {

    /** The action name, e.g. {@code zone.create}. */
    @Nonbinding
    String value() default "";
}
