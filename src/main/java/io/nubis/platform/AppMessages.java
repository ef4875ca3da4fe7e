package io.nubis.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The platform's texts, shared by every feature: common errors, the layout, actions and field labels used on many
 * pages, state labels (the badge tag shows them through {@code msg:}), error pages. Each feature has its own bundle for
 * its own texts. Texts live in {@code messages/msg_en.properties} (default) and {@code messages/msg_zh_CN.properties};
 * {@code MessagesCompletenessTest} fails when a locale misses a key. Templates use {@code {msg:key}}; Java code names a
 * text with {@link Text#of} ({@code Text.of(AppMessages.class, m ->
 * m.error_required())}).
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
    String error_address_format();

    @Message
    String error_username_format();

    @Message
    String error_integer();

    @Message
    String error_boolean();

    @Message
    String error_enum(Object allowed);

    // ---- portal: layout and navigation

    @Message
    String app_name();

    @Message
    String nav_label();

    @Message
    String nav_breadcrumb();

    @Message
    String nav_home();

    @Message
    String nav_dashboard();

    @Message
    String nav_zones();

    @Message
    String nav_clusters();

    @Message
    String nav_hosts();

    @Message
    String nav_jobs();

    @Message
    String nav_audit();

    @Message
    String nav_language();

    @Message
    String nav_logout();

    // ---- portal: actions

    @Message
    String action_add();

    @Message
    String action_all_jobs();

    @Message
    String action_cancel();

    @Message
    String action_close();

    @Message
    String action_create();

    @Message
    String action_delete();

    @Message
    String action_disable();

    @Message
    String action_edit();

    @Message
    String action_enable();

    @Message
    String action_filter();

    @Message
    String action_reconnect();

    @Message
    String action_save();

    // ---- portal: fields and filters

    @Message
    String field_account();

    @Message
    String field_address();

    @Message
    String field_cluster();

    @Message
    String field_cpu();

    @Message
    String field_created();

    @Message
    String field_description();

    @Message
    String field_memory();

    @Message
    String field_name();

    @Message
    String field_state();

    @Message
    String field_status();

    @Message
    String field_type();

    @Message
    String field_user();

    @Message
    String field_username();

    @Message
    String field_zone();

    @Message
    String filter_all_zones();

    @Message
    String filter_any_state();

    @Message
    String filter_name();

    @Message
    String select_cluster();

    @Message
    String select_zone();

    @Message
    String help_name();

    @Message
    String help_address();

    // ---- portal: capacity and pagination

    @Message
    String pagination_label();

    @Message
    String pagination_previous();

    @Message
    String pagination_next();

    @Message
    String pagination_summary(long first, long last, long total);

    // ---- portal: states, statuses and results

    @Message
    String value_Enabled();

    @Message
    String value_Disabled();

    @Message
    String value_PreMaintenance();

    @Message
    String value_Maintenance();

    @Message
    String value_Deleting();

    @Message
    String value_Connecting();

    @Message
    String value_Connected();

    @Message
    String value_Disconnected();

    @Message
    String value_Pending();

    @Message
    String value_Running();

    @Message
    String value_RollingBack();

    @Message
    String value_Succeeded();

    @Message
    String value_RolledBack();

    @Message
    String value_Failed();

    @Message
    String value_SUCCESS();

    @Message
    String value_ACCEPTED();

    @Message
    String value_FAILURE();

    @Message
    String value_DENIED();

    @Message
    String resource_zone();

    @Message
    String resource_cluster();

    @Message
    String resource_host();

    @Message
    String resource_job();

    @Message
    String resource_account();

    // ---- portal: pages

    @Message
    String host_recent_jobs();

    @Message
    String job_list_empty();

    @Message
    String job_progress();

    @Message
    String job_step();

    // ---- portal: errors

    @Message
    String error_title_400();

    @Message
    String error_title_403();

    @Message
    String error_title_404();

    @Message
    String error_title_409();

    @Message
    String error_title_500();

    @Message
    String error_title_other();

    @Message
    String error_bad_request();

    @Message
    String error_go_home();

    @Message
    String error_private_key_format();

    @Message
    String error_no_presented_key(String name);

    @Message
    String error_key_mismatch(String fingerprint);

    @Message
    String field_password();

    @Message
    String field_private_key();

    @Message
    String help_private_key();

    @Message
    String field_host_key();

    @Message
    String host_key_changed_title();

    @Message
    String host_key_changed_text(String expected, String presented);

    @Message
    String action_accept_key();

    @Message
    String error_key_changed_again();

    // ---- labels of network and offering values (the badge tag shows them through msg:)
    @Message
    String value_LeastUsed();

    @Message
    String value_FirstFit();

    @Message
    String value_NoVlan();

    @Message
    String value_Vlan();

    @Message
    String value_Vxlan();

    @Message
    String value_Attaching();

    @Message
    String value_Attached();

    @Message
    String value_Detaching();

    // ---- labels of storage values (the badge tag shows them through msg:)
    @Message
    String value_Downloading();

    @Message
    String value_Ready();

    @Message
    String value_Error();

    @Message
    String value_Creating();

    @Message
    String value_Reverting();

    @Message
    String value_Copying();

    @Message
    String value_Open();

    @Message
    String value_Retrying();

    @Message
    String value_Resolved();

    @Message
    String value_Dismissed();
}
