package io.nubis.job;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the job engine for tenants: {@code messages/job_en.properties} and {@code job_zh_CN.properties},
 * {@code {job:key}} in templates, {@link io.nubis.platform.Messages} in Java. A bundle of its own (docs/portal.md
 * explains the 300-message limit per bundle).
 */
@MessageBundle(value = "job", locale = "en")
public interface JobMessages {

    @Message
    String job_error_failed(String ref);

    @Message
    String job_error_undone(String ref);

    @Message
    String job_error_not_undone(String ref);

    @Message
    String job_error_cause_failed(String cause, String ref);

    @Message
    String job_error_cause_undone(String cause, String ref);

    @Message
    String job_error_cause_not_undone(String cause, String ref);

    @Message
    String job_error_interrupted();

    /** Why an upload failed, for a tenant (storage's ImageUploadService: uploads are not jobs). */
    @Message
    String job_upload_not_stored(String ref);

    @Message
    String job_log_admin_only();

    @Message
    String job_log_admin_only_hint();
}
