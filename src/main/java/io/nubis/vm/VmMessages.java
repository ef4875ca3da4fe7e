package io.nubis.vm;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of VM instances: {@code messages/vm_en.properties} and {@code vm_zh_CN.properties}, {@code {vm:key}} in
 * templates, {@link io.nubis.platform.Messages} in Java (a bundle of its own: docs/portal.md explains the 300-message
 * limit per bundle).
 */
@MessageBundle(value = "vm", locale = "en")
public interface VmMessages {

    @Message
    String error_vm_state(String name, String state);

    @Message
    String error_unknown_offering();

    @Message
    String error_unknown_image();

    @Message
    String error_duplicate_network();

    @Message
    String error_too_many_networks(Object max);

    @Message
    String error_unknown_network();

    @Message
    String error_networks_zones();

    @Message
    String resource_vm();

    @Message
    String vm_nav();

    @Message
    String vm_list_title();

    @Message
    String vm_list_empty();

    @Message
    String vm_new();

    @Message
    String vm_title(String name);

    @Message
    String vm_facts();

    @Message
    String vm_nics();

    @Message
    String vm_recent_jobs();

    @Message
    String vm_busy();

    @Message
    String vm_field_ip();

    @Message
    String vm_field_size();

    @Message
    String vm_field_host();

    @Message
    String vm_field_offering();

    @Message
    String vm_field_image();

    @Message
    String vm_field_networks();

    @Message
    String vm_field_network();

    @Message
    String vm_field_root_volume();

    @Message
    String vm_field_device();

    @Message
    String vm_field_mac();

    @Message
    String vm_field_id();

    @Message
    String vm_size(int cpus, String memory);

    @Message
    String vm_select_offering();

    @Message
    String vm_select_image();

    @Message
    String vm_offering_option(String name, int cpus, String memory);

    @Message
    String vm_image_option(String name, String format, String size);

    @Message
    String vm_network_option(String name, String cidr);

    @Message
    String vm_no_offerings();

    @Message
    String vm_no_images();

    @Message
    String vm_no_networks();

    @Message
    String vm_help_networks();

    @Message
    String vm_help_stop();

    @Message
    String vm_action_start();

    @Message
    String vm_action_stop();

    @Message
    String vm_action_force_stop();

    @Message
    String vm_action_reboot();

    @Message
    String vm_action_destroy();

    @Message
    String vm_destroy_title(String name);

    @Message
    String vm_destroy_confirm(String name);

    @Message
    String vm_home_running(long count);

    @Message
    String vm_home_manage();

    @Message
    String vm_state_Creating();

    @Message
    String vm_state_Starting();

    @Message
    String vm_state_Running();

    @Message
    String vm_state_Stopping();

    @Message
    String vm_state_Stopped();

    @Message
    String vm_state_Rebooting();

    @Message
    String vm_state_Destroying();

    @Message
    String vm_state_Destroyed();

    @Message
    String vm_state_Unknown();

    @Message
    String vm_state_Error();

    @Message
    String error_vm_host_maintenance(String name);

    @Message
    String flash_vm_creating(String name);

    @Message
    String flash_vm_stopping(String name);

    @Message
    String flash_vm_force_stopping(String name);

    @Message
    String flash_vm_starting(String name);

    @Message
    String flash_vm_rebooting(String name);

    @Message
    String flash_vm_destroying(String name);

    @Message
    String vm_state_Resizing();

    @Message
    String error_root_not_larger(Object currentMib);

    @Message
    String flash_vm_resizing(String name);

    @Message
    String vm_resize_root();

    @Message
    String vm_resize_root_help();

    @Message
    String vm_volumes_title(String name);

    @Message
    String vm_volumes();

    @Message
    String vm_volumes_empty();

    @Message
    String vm_volume_device();

    @Message
    String vm_volume_size();

    @Message
    String vm_volume_detach();

    @Message
    String vm_volumes_help();

    @Message
    String vm_volume_add();

    @Message
    String vm_volume_size_gib();

    @Message
    String vm_volume_offering();

    @Message
    String vm_volume_by_size();

    @Message
    String vm_volume_attach();

    @Message
    String vm_volume_data_link();

    @Message
    String flash_volume_adding(String name);

    @Message
    String flash_volume_detaching(String name);

    @Message
    String flash_volume_attaching(String name);

    @Message
    String vm_destroy_delete_volumes();

    @Message
    String vm_volume_grow();

    @Message
    String flash_volume_resizing(String name);

    @Message
    String error_too_many_data_disks(Object max);

    @Message
    String vm_field_data_disks();

    @Message
    String vm_field_data_disk(Integer number);

    @Message
    String vm_data_disk_none();

    @Message
    String vm_help_data_disks();

    @Message
    String error_root_disk_only_iso();

    @Message
    String error_root_disk_for_iso(String image);

    @Message
    String error_not_an_iso(String image);

    @Message
    String error_no_iso(String vm);

    @Message
    String vm_field_root_disk();

    @Message
    String vm_root_disk_image();

    @Message
    String vm_help_root_disk();

    @Message
    String flash_iso_inserting(String vm);

    @Message
    String flash_iso_ejecting(String vm);

    @Message
    String vm_field_cdrom();

    @Message
    String vm_cdrom_empty();

    @Message
    String vm_cdrom_insert();

    @Message
    String vm_cdrom_eject();

    @Message
    String error_vm_security_group_state(Object state);

    @Message
    String error_vm_nic_unknown(String nic);

    @Message
    String error_too_many_groups(Object max);

    @Message
    String error_unknown_security_group();

    @Message
    String vm_field_security_groups();

    @Message
    String vm_help_security_groups();

    @Message
    String vm_leave_group();

    @Message
    String vm_join_group();

    @Message
    String flash_vm_groups_changed();

    @Message
    String vm_state_Migrating();

    @Message
    String error_vm_migrate_same_host(String vm);

    @Message
    String error_vm_migrate_other_cluster(String vm);

    @Message
    String error_vm_migrate_local_storage(String vm, String volumes);

    @Message
    String error_vm_migrate_target_unavailable(String host);

    @Message
    String error_vm_migrate_no_capacity(String host, Object cpus, Object memory);

    @Message
    String vm_migrate_title();

    @Message
    String vm_migrate_help();

    @Message
    String vm_migrate_target();

    @Message
    String vm_action_migrate();

    @Message
    String flash_vm_migrating(String vm);

    @Message
    String error_vm_storage_maintenance(String vm, String storages);

    @Message
    String error_image_not_in_zone(String image);

    @Message
    String error_cloud_init_hostname();

    @Message
    String error_cloud_init_key(Object index);

    @Message
    String error_cloud_init_too_many_keys(Object max);

    @Message
    String error_cloud_init_user_data_size(Object max);

    @Message
    String error_cloud_init_user_data_text();

    @Message
    String vm_section_cloud_init();

    @Message
    String vm_field_hostname();

    @Message
    String vm_help_hostname();

    @Message
    String vm_field_ssh_keys();

    @Message
    String vm_help_ssh_keys();

    @Message
    String vm_field_user_data();

    @Message
    String vm_help_user_data();

    @Message
    String error_console_not_running(String name);

    @Message
    String console_title(String name);

    @Message
    String console_connecting();

    @Message
    String console_connected();

    @Message
    String console_disconnected();

    @Message
    String console_help();

    @Message
    String console_open();

    @Message
    String console_log_title(String name);

    @Message
    String console_log_open();

    @Message
    String console_log_empty();

    @Message
    String error_console_log_unavailable(String name);
}
