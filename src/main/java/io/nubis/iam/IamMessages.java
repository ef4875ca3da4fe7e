package io.nubis.iam;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of accounts and the audit log: {@code messages/iam_en.properties} and {@code iam_zh_CN.properties},
 * {@code {iam:key}} in templates, {@link io.nubis.platform.Text#of} in Java.
 */
@MessageBundle(value = "iam", locale = "en")
public interface IamMessages {

    @Message
    String error_no_account();

    @Message
    String field_action();

    @Message
    String field_detail();

    @Message
    String field_result();

    @Message
    String field_target();

    @Message
    String field_time();

    @Message
    String filter_action();

    @Message
    String filter_any_result();

    @Message
    String filter_user();

    @Message
    String audit_list_title();

    @Message
    String audit_list_empty();

    @Message
    String audit_job();

    @Message
    String error_quota_exceeded(String kind, Object limit, Object usage, Object adding);

    @Message
    String error_quota_kind();

    @Message
    String error_quota_value();

    @Message
    String flash_quotas_saved();

    @Message
    String nav_quotas();

    @Message
    String quota_admin_title();

    @Message
    String quota_defaults();

    @Message
    String quota_defaults_help();

    @Message
    String quota_no_limit();

    @Message
    String quota_accounts();

    @Message
    String quota_edit();

    @Message
    String quota_account_title(String account);

    @Message
    String quota_kind();

    @Message
    String quota_usage();

    @Message
    String quota_effective();

    @Message
    String quota_own_limit();

    @Message
    String quota_default();

    @Message
    String quota_account_help();

    @Message
    String quota_VMS();

    @Message
    String quota_VCPUS();

    @Message
    String quota_MEMORY_MIB();

    @Message
    String quota_DATA_VOLUMES();

    @Message
    String quota_VOLUME_GIB();

    @Message
    String quota_SNAPSHOTS();

    @Message
    String quota_IMAGES();

    @Message
    String error_directory(String detail);

    @Message
    String error_username_taken(String username);

    @Message
    String error_iam_username_format();

    @Message
    String error_email_format();

    @Message
    String error_password_length();

    @Message
    String error_role();

    @Message
    String error_account_disabled(String account);

    @Message
    String error_user_disabled();

    @Message
    String error_policy_denied(String action);

    @Message
    String error_account_exists(String name);

    @Message
    String error_account_protected();

    @Message
    String error_account_not_empty(String name, String holdings);

    @Message
    String error_owner_only();

    @Message
    String error_not_yourself();

    @Message
    String error_group_exists(String name);

    @Message
    String error_policy_exists(String name);

    @Message
    String error_statements_required();

    @Message
    String error_statement_effect(Object index);

    @Message
    String error_statement_action(Object index, String action);

    @Message
    String error_statement_resource(Object index);

    @Message
    String error_statements_json();

    @Message
    String error_principal_type();

    @Message
    String nav_accounts();

    @Message
    String nav_account();

    @Message
    String account_list_title();

    @Message
    String account_type();

    @Message
    String account_users();

    @Message
    String account_new();

    @Message
    String account_new_help();

    @Message
    String account_title(String name);

    @Message
    String account_disable_confirm(String name);

    @Message
    String account_delete_confirm(String name);

    @Message
    String user_name();

    @Message
    String user_email();

    @Message
    String user_first_name();

    @Message
    String user_last_name();

    @Message
    String user_password();

    @Message
    String user_role();

    @Message
    String user_disabled();

    @Message
    String user_enabled();

    @Message
    String user_permissions();

    @Message
    String user_make_member();

    @Message
    String user_make_owner();

    @Message
    String user_delete_confirm(String name);

    @Message
    String user_new();

    @Message
    String user_temporary_password();

    @Message
    String iam_groups();

    @Message
    String group_members();

    @Message
    String group_add_member();

    @Message
    String group_remove_member();

    @Message
    String group_delete_confirm(String name);

    @Message
    String group_new();

    @Message
    String groups_empty();

    @Message
    String iam_none();

    @Message
    String policies();

    @Message
    String policies_help();

    @Message
    String policy_attached_to();

    @Message
    String policy_detach();

    @Message
    String policy_attach();

    @Message
    String policy_delete_confirm(String name);

    @Message
    String policies_empty();

    @Message
    String policy_new();

    @Message
    String policy_statements();

    @Message
    String policy_statements_help();

    @Message
    String policy_title(String name);

    @Message
    String permissions_title(String name);

    @Message
    String permissions_help();

    @Message
    String permission_action();

    @Message
    String permission_all();

    @Message
    String permission_why();

    @Message
    String permission_scoped();

    @Message
    String permission_allowed();

    @Message
    String permission_denied();

    @Message
    String permission_reason_admin();

    @Message
    String permission_reason_owner();

    @Message
    String permission_reason_allow();

    @Message
    String permission_reason_deny();

    @Message
    String permission_reason_implicit_deny();

    @Message
    String permission_reason_disabled();

    @Message
    String flash_account_created(String name);

    @Message
    String flash_account_deleted();

    @Message
    String flash_iam_saved();

    @Message
    String error_token_days(Object max);

    @Message
    String error_token_limit(Object max);

    @Message
    String nav_tokens();

    @Message
    String tokens_title();

    @Message
    String tokens_help();

    @Message
    String tokens_empty();

    @Message
    String token_name();

    @Message
    String token_days();

    @Message
    String token_expires();

    @Message
    String token_created();

    @Message
    String token_new();

    @Message
    String token_shown_once();

    @Message
    String token_revoke();

    @Message
    String token_revoke_confirm(String name);

    @Message
    String filter_account();

    @Message
    String filter_target_type();

    @Message
    String error_share_accounts();

    @Message
    String share_title(String name);

    @Message
    String share_all();

    @Message
    String share_accounts();

    @Message
    String share_help();

    @Message
    String share_link();

    @Message
    String error_policy_too_large(Object max);

    @Message
    String quota_PRIVATE_NETWORKS();

    @Message
    String quota_ELASTIC_IPS();

    @Message
    String quota_SECURITY_GROUPS();

    @Message
    String quota_LOAD_BALANCERS();
}
