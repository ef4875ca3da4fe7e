package io.nubis.job;

import io.nubis.platform.Text;
import java.util.Locale;

/**
 * What a tenant reads about a failed job, instead of the technical detail in {@code job.error}: the cause written for
 * people when there is one, how the job ended, and the reference support uses to find the detail. The reference is the
 * job's id: an admin opens {@code /jobs/<ref>} (or {@code GET /v1/jobs/<ref>}) and reads the error, the admin-only log
 * lines, and the server log lines that start with {@code job <ref>}.
 *
 * @param cause a text for people ({@code job.public_error}), or null when the failure gave none
 * @param outcome how the job ended
 * @param reference the job id
 */
public record PublicJobError(String cause, Outcome outcome, String reference) {

    /** How a failed job ended, as a tenant is told. */
    public enum Outcome {
        /** Still rolling back: not known yet. */
        FAILED,
        /** RolledBack: everything done was undone. */
        UNDONE,
        /** Failed: something could not be undone (or the job could not even start); an admin has to look. */
        NOT_UNDONE
    }

    /** The tenant's view of a failure of job {@code jobId}, which is now in {@code state}. */
    static PublicJobError of(String cause, JobState state, String jobId) {
        Outcome outcome = switch (state) {
            case RolledBack -> Outcome.UNDONE;
            case Failed -> Outcome.NOT_UNDONE;
            default -> Outcome.FAILED;
        };
        return new PublicJobError(cause == null || cause.isBlank() ? null : cause, outcome, jobId);
    }

    /** The text in a language (the portal's reader's). */
    public String text(Locale locale) {
        Text text = switch (outcome) {
            case FAILED -> Text.of(JobMessages.class, m -> cause == null
                    ? m.job_error_failed(reference)
                    : m.job_error_cause_failed(cause, reference));
            case UNDONE -> Text.of(JobMessages.class, m -> cause == null
                    ? m.job_error_undone(reference)
                    : m.job_error_cause_undone(cause, reference));
            case NOT_UNDONE -> Text.of(JobMessages.class, m -> cause == null
                    ? m.job_error_not_undone(reference)
                    : m.job_error_cause_not_undone(cause, reference));
        };
        return text.in(locale);
    }

    /** The text in English, as the API shows it and as resources keep it ({@link JobContext#publicError()}). */
    public String english() {
        return text(Locale.ENGLISH);
    }
}
