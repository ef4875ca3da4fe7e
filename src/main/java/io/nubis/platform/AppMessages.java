package io.nubis.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every user-visible text of Nubis. Texts live in {@code messages/msg_en.properties} (default) and
 * {@code messages/msg_zh_CN.properties}; {@code MessagesCompletenessTest} fails when a locale misses a key. Templates
 * use {@code {msg:key}}; Java code resolves keys with {@link Messages}.
 */
@MessageBundle(value = "msg", locale = "en")
public interface AppMessages {

    // ---- errors
    @Message
    String error_invalid_input();

    @Message
    String error_not_found(Object type, Object id);

    @Message
    String error_admin_only();

    @Message
    String error_no_account();

    @Message
    String error_unauthorized();

    @Message
    String error_internal(Object ref);

    @Message
    String error_page_not_found();

    @Message
    String error_http(Object status);

    @Message
    String error_json_body();

    @Message
    String error_json_field();

    @Message
    String error_required();

    @Message
    String error_name_format();

    @Message
    String error_too_long(Object max);

    @Message
    String error_id_format();

    @Message
    String error_range(Object min, Object max);

    @Message
    String error_name_taken(Object name);

    @Message
    String error_name_taken_in_zone(Object name);

    @Message
    String error_name_taken_in_cluster(Object name);

    @Message
    String error_unknown_zone(Object id);

    @Message
    String error_unknown_cluster(Object id);

    @Message
    String error_unknown_hypervisor(Object type, Object known);

    @Message
    String error_zone_not_empty(Object name, Object clusters, Object hosts);

    @Message
    String error_zone_deleting(Object name);

    @Message
    String error_cluster_not_empty(Object name, Object hosts);

    @Message
    String error_cluster_deleting(Object name);

    @Message
    String error_address_format();

    @Message
    String error_address_taken(Object address);

    @Message
    String error_username_format();

    @Message
    String error_host_busy(Object name, Object state);

    @Message
    String error_integer();

    @Message
    String error_boolean();

    @Message
    String error_enum(Object allowed);
}
