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
}
