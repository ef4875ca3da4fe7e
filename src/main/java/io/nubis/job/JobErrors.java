package io.nubis.job;

import io.nubis.driver.DriverException;
import io.nubis.platform.NubisException;

/**
 * How a job's {@code error} column is written: the original cause first (never replaced), then notes about what went
 * wrong while cleaning up, all within the column's 2048 characters. That text is for admins; what a tenant may read of
 * the cause ({@code public_error}) comes from {@link #publicCause}, and notes never go into it.
 */
final class JobErrors {

    /** Length of {@code job.error}. */
    static final int MAX = 2048;
    /** Length of {@code job.public_error}. */
    static final int MAX_PUBLIC = 1024;
    /** Starts the note added when a step's rollback throws; its presence makes the final state Failed. */
    static final String ROLLBACK_NOTE = "\nRollback failed at step ";
    private static final int MAX_NOTE = 512;

    private JobErrors() {
    }

    /**
     * The text recorded for an exception: the message alone for errors meant for people ({@link DriverException},
     * {@link NubisException}), the class simple name and message for anything else.
     */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof DriverException || e instanceof NubisException) {
            return truncate(message == null || message.isBlank() ? e.getClass().getSimpleName() : message, MAX);
        }
        String name = e.getClass().getSimpleName();
        return truncate(message == null || message.isBlank() ? name : name + ": " + message, MAX);
    }

    /**
     * The cause a tenant may read (stored in {@code job.public_error}): a {@link DriverException}'s
     * {@link DriverException#publicMessage() public message}, a {@link NubisException}'s English message (those are
     * written for people); null for anything else, whose message may name hosts, paths, commands or classes.
     */
    static String publicCause(Throwable e) {
        String text = null;
        if (e instanceof DriverException d) {
            text = d.publicMessage().orElse(null);
        } else if (e instanceof NubisException n) {
            text = n.getMessage();
        }
        return text == null || text.isBlank() ? null : truncate(text.strip(), MAX_PUBLIC);
    }

    /** Appends the note that the rollback of {@code stepName} failed with {@code reason}. */
    static String withRollbackFailure(String error, String stepName, String reason) {
        return withNote(error, ROLLBACK_NOTE + "'" + stepName + "': " + reason);
    }

    /** Whether {@code error} already records a failed rollback (the job must end Failed, not RolledBack). */
    static boolean rollbackFailed(String error) {
        return error != null && error.contains(ROLLBACK_NOTE);
    }

    /** Note added when the resource could not be put into its failed state (onFailed threw). */
    static final String ON_FAILED_NOTE = "\nonFailed failed: ";

    /** The cause as first recorded: {@code error} without the notes of failed rollbacks and of a failed onFailed. */
    static String originalCause(String error) {
        if (error == null) {
            return null;
        }
        int cut = error.length();
        for (String note : new String[]{ROLLBACK_NOTE, ON_FAILED_NOTE}) {
            int at = error.indexOf(note);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return error.substring(0, cut);
    }

    /** Appends {@code note}, shortening the note and then the text before it so the whole fits the column. */
    static String withNote(String error, String note) {
        String n = truncate(note, MAX_NOTE);
        String e = error == null ? "" : error;
        return truncate(e, MAX - n.length()) + n;
    }

    static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 3) + "...";
    }
}
