package io.nubis.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The IAM action an API operation or portal page performs, e.g. {@code vm:create} (issue 9). Every HTTP method of the
 * API and the portal declares one (or {@link NoAction}); the IAM request filter (io.nubis.iam.api.ActionFilter) checks
 * it against the caller's policies before the method runs, in one place. The names are listed in the IAM action catalog
 * (io.nubis.iam.ActionCatalog).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Action {

    /** {@code <resource type>:<verb>}, one of the catalog. */
    String value();

    /**
     * The path parameter holding the id of the resource acted on, matched against a statement's {@code resources}; an
     * operation whose path has no such parameter (lists, creates) targets no single resource.
     */
    String resource() default "id";
}
