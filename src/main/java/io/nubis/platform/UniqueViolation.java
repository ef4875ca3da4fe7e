package io.nubis.platform;

import java.sql.SQLIntegrityConstraintViolationException;

/** Recognises a unique-key violation from the database, which services turn into a field error. */
public final class UniqueViolation {

    private UniqueViolation() {
    }

    /** True when {@code e} (or a cause) says a unique key was violated. */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
