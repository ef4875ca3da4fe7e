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
}
