package io.nubis.compute;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of zones, clusters and hosts: {@code messages/compute_en.properties} and {@code compute_zh_CN.properties},
 * {@code {compute:key}} in templates, {@link io.nubis.platform.Text#of} in Java.
 */
@MessageBundle(value = "compute", locale = "en")
public interface ComputeMessages {

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
    String error_address_taken(Object address);

    @Message
    String error_host_busy(Object name, Object state);

    @Message
    String error_host_has_vms(Object name, Object vms);

    @Message
    String error_no_host_capacity(Object cpus, Object memoryMib);

    @Message
    String host_maintenance_stop_vms();

    @Message
    String action_maintenance();

    @Message
    String field_connected_at();

    @Message
    String field_cpu_model();

    @Message
    String field_hypervisor();

    @Message
    String field_hypervisor_version();

    @Message
    String field_last_ping();

    @Message
    String field_os();

    @Message
    String field_ssh_port();

    @Message
    String filter_all_clusters();

    @Message
    String filter_any_status();

    @Message
    String filter_name_or_address();

    @Message
    String help_username();

    @Message
    String help_host_name();

    @Message
    String help_host_state();

    @Message
    String delete_cascade();

    @Message
    String capacity_cpu(int used, int total);

    @Message
    String capacity_memory(String used, String total);

    @Message
    String zone_list_title();

    @Message
    String zone_list_empty();

    @Message
    String zone_new();

    @Message
    String zone_title(String name);

    @Message
    String zone_edit_title(String name);

    @Message
    String zone_no_clusters();

    @Message
    String zone_delete_title(String name);

    @Message
    String zone_delete_empty(String name);

    @Message
    String zone_delete_impact(String name, long clusters, long hosts);

    @Message
    String cluster_list_title();

    @Message
    String cluster_list_empty();

    @Message
    String cluster_new();

    @Message
    String cluster_title(String name);

    @Message
    String cluster_edit_title(String name);

    @Message
    String cluster_no_hosts();

    @Message
    String cluster_delete_title(String name);

    @Message
    String cluster_delete_empty(String name);

    @Message
    String cluster_delete_impact(String name, long hosts);

    @Message
    String host_list_title();

    @Message
    String host_list_empty();

    @Message
    String host_new();

    @Message
    String host_title(String name);

    @Message
    String host_edit_title(String name);

    @Message
    String host_facts();

    @Message
    String host_delete_title(String name);

    @Message
    String host_delete_confirm(String name, String address);

    @Message
    String flash_zone_created(Object name);

    @Message
    String flash_zone_updated(Object name);

    @Message
    String flash_zone_enabled(Object name);

    @Message
    String flash_zone_disabled(Object name);

    @Message
    String flash_zone_deleted(Object name);

    @Message
    String flash_zone_deleting(Object name);

    @Message
    String flash_cluster_created(Object name);

    @Message
    String flash_cluster_updated(Object name);

    @Message
    String flash_cluster_enabled(Object name);

    @Message
    String flash_cluster_disabled(Object name);

    @Message
    String flash_cluster_deleted(Object name);

    @Message
    String flash_cluster_deleting(Object name);

    @Message
    String flash_host_adding(Object name);

    @Message
    String flash_host_updated(Object name);

    @Message
    String flash_host_enabled(Object name);

    @Message
    String flash_host_disabled(Object name);

    @Message
    String flash_host_maintenance(Object name);

    @Message
    String flash_host_reconnecting(Object name);

    @Message
    String flash_host_deleting(Object name);

    @Message
    String error_credentials_required();

    @Message
    String help_credentials();

    @Message
    String flash_host_key_accepted(String name);

    @Message
    String field_vlan();

    @Message
    String vlan_supported();

    @Message
    String vlan_unsupported();

    @Message
    String host_maintenance_preview_title();

    @Message
    String host_maintenance_moves(String vms);

    @Message
    String host_maintenance_stays(String vms);

    @Message
    String field_nfs_mode();
}
