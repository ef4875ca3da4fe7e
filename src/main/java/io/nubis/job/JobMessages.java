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
    String job_log_admin_only();

    @Message
    String job_log_admin_only_hint();

    @Message
    String error_attention_not_open(String state);

    @Message
    String error_attention_resource_busy(String name);

    @Message
    String nav_attention();

    @Message
    String attention_title();

    @Message
    String attention_intro();

    @Message
    String attention_empty();

    @Message
    String attention_filter_open();

    @Message
    String attention_operation();

    @Message
    String attention_retries();

    @Message
    String attention_retry();

    @Message
    String attention_dismiss();

    @Message
    String attention_dismiss_confirm();

    @Message
    String attention_dashboard(long count);

    @Message
    String flash_attention_retrying(String name);

    @Message
    String flash_attention_dismissed(String name);

    @Message
    String field_finished();

    @Message
    String field_resource();

    @Message
    String field_started();

    @Message
    String filter_job_type();

    @Message
    String job_list_title();

    @Message
    String job_title(String type);

    @Message
    String job_log();

    @Message
    String job_log_empty();
}
