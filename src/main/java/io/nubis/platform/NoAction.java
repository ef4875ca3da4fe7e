package io.nubis.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the few pages every signed-in user may open whatever the policies say (the home, the language choice). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NoAction {

    /** Why this needs no permission. */
    String value();
}
