package io.nubis.home;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the admin dashboard and the tenant home page: {@code messages/home_en.properties} and
 * {@code home_zh_CN.properties}, {@code {home:key}} in templates, {@link io.nubis.platform.Text#of} in Java.
 */
@MessageBundle(value = "home", locale = "en")
public interface HomeMessages {

    @Message
    String capacity_cpu_available(long available, long total);

    @Message
    String capacity_memory_available(String available, String total);

    @Message
    String dashboard_title();

    @Message
    String dashboard_recent_jobs();

    @Message
    String tenant_title(String user);

    @Message
    String tenant_intro();

    @Message
    String tenant_recent_jobs(long count);

    @Message
    String quota_title();

    @Message
    String quota_unlimited(long usage);

    @Message
    String capacity_title();

    @Message
    String capacity_history();

    @Message
    String capacity_used();

    @Message
    String capacity_total();

    @Message
    String capacity_scope_cloud();

    @Message
    String capacity_scope_zone();

    @Message
    String capacity_scope_cluster();

    @Message
    String capacity_scope_host();

    @Message
    String capacity_scope_primary_storage();

    @Message
    String capacity_scope_l3_network();

    @Message
    String capacity_metric_cpu();

    @Message
    String capacity_metric_memory();

    @Message
    String capacity_metric_storage();

    @Message
    String capacity_metric_ips();

    @Message
    String capacity_show();

    @Message
    String capacity_none();

    @Message
    String vms_by_state();

    @Message
    String failed_jobs_24h();

    @Message
    String denied_24h();

    @Message
    String setup_title();

    @Message
    String setup_intro();

    @Message
    String setup_banner();

    @Message
    String setup_back();

    @Message
    String setup_start();

    @Message
    String setup_finish();

    @Message
    String setup_dashboard_hint();

    @Message
    String setup_step_done();

    @Message
    String setup_step_skipped();

    @Message
    String setup_step_todo();

    @Message
    String setup_step_next();

    @Message
    String setup_open();

    @Message
    String setup_skip();

    @Message
    String setup_unskip();

    @Message
    String setup_step_zone();

    @Message
    String setup_help_zone();

    @Message
    String setup_step_cluster();

    @Message
    String setup_help_cluster();

    @Message
    String setup_step_host();

    @Message
    String setup_help_host();

    @Message
    String setup_step_primary_storage();

    @Message
    String setup_help_primary_storage();

    @Message
    String setup_step_backup_storage();

    @Message
    String setup_help_backup_storage();

    @Message
    String setup_step_image();

    @Message
    String setup_help_image();

    @Message
    String setup_step_network();

    @Message
    String setup_help_network();

    @Message
    String setup_step_offering();

    @Message
    String setup_help_offering();

    @Message
    String setup_ready();

    @Message
    String setup_try_vm();
}
