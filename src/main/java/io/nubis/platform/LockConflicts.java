package io.nubis.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.SQLException;
import java.util.concurrent.Callable;

/**
 * Deadlocks and lock wait timeouts between short, concurrent transactions (claiming jobs, reserving capacity) are
 * normal under load in InnoDB: the right answer is to run the transaction again.
 */
public final class LockConflicts {

    private LockConflicts() {
    }

    /** Deadlock (1213, SQLState 40001) or lock wait timeout (1205) anywhere in the cause chain. */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213
                    || sql.getErrorCode() == 1205)) {
                return true;
            }
            if (t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code work} in a new transaction, again (up to {@code attempts} times) when it loses a lock conflict. */
    public static <T> T retryInNewTransaction(int attempts, Callable<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work);
            } catch (RuntimeException e) {
                if (attempt >= attempts || !is(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(5L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
