package io.nubis.storage;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the storage feature: {@code messages/storage_en.properties} and {@code messages/storage_zh_CN.properties};
 * templates use {@code {storage:key}}, Java code resolves keys with {@link io.nubis.platform.Messages} (which looks in
 * every bundle). Status labels stay in {@link io.nubis.platform.AppMessages} (the badge tag uses {@code msg:}). A
 * bundle of its own because Quarkus 3.33 generates broken bytecode for a message bundle of more than 300 messages.
 */
@MessageBundle(value = "storage", locale = "en")
public interface StorageMessages {

    @Message
    String error_path_format();

    @Message
    String error_unknown_storage_type(Object type, Object known);

    @Message
    String error_storage_credentials_required();

    @Message
    String error_storage_location_taken(Object address, Object path);

    @Message
    String error_storage_busy(Object name, Object status);

    @Message
    String error_storage_has_images(Object name, Object count);

    @Message
    String error_image_format();

    @Message
    String error_shared_admin_only();

    @Message
    String error_unknown_backup_storage(Object id);

    @Message
    String error_storage_not_connected(Object name);

    @Message
    String error_no_backup_storage();

    @Message
    String error_no_backup_storage_in_zone();

    @Message
    String error_backup_storage_not_in_zone(Object name);

    @Message
    String error_url_http_disabled();

    @Message
    String error_url_format();

    @Message
    String error_image_busy(Object name, Object status);

    @Message
    String error_image_in_use(Object name, Object users);

    @Message
    String error_image_not_ready(Object name, Object status);

    @Message
    String error_image_not_bootable(Object name);

    @Message
    String error_volume_too_small(Object min);

    @Message
    String error_upload_failed(Object reason);

    @Message
    String error_storage_full(String name, Object available, String host, Object wanted);

    @Message
    String error_storage_not_prepared(Object ps, Object host);

    @Message
    String error_ps_cluster_other_zone(Object name);

    @Message
    String error_cluster_has_storage(Object name);

    @Message
    String error_storage_in_use(Object name, Object count);

    @Message
    String error_storage_attached(Object name, Object count);

    @Message
    String error_no_primary_storage(Object host);

    @Message
    String error_file_required();

    @Message
    String field_root_path();

    @Message
    String field_port();

    @Message
    String field_capacity();

    @Message
    String field_format();

    @Message
    String field_url();

    @Message
    String field_backup_storage();

    @Message
    String field_share_all();

    @Message
    String field_sha256();

    @Message
    String field_bytes();

    @Message
    String field_virtual_size();

    @Message
    String field_path();

    @Message
    String field_owner_account();

    @Message
    String field_vm();

    @Message
    String field_host();

    @Message
    String field_primary_storage();

    @Message
    String field_image();

    @Message
    String field_file();

    @Message
    String field_source();

    @Message
    String field_clusters();

    @Message
    String field_images();

    @Message
    String field_volumes();

    @Message
    String field_credentials();

    @Message
    String capacity_bytes(String used, String total);

    @Message
    String select_backup_storage();

    @Message
    String select_format();

    @Message
    String help_root_path();

    @Message
    String help_storage_credentials();

    @Message
    String help_image_url();

    @Message
    String help_image_format();

    @Message
    String help_ps_path();

    @Message
    String bs_list_title();

    @Message
    String bs_list_empty();

    @Message
    String bs_new();

    @Message
    String bs_title(String name);

    @Message
    String bs_delete_confirm(String name);

    @Message
    String image_list_title();

    @Message
    String image_list_empty();

    @Message
    String image_new();

    @Message
    String image_upload();

    @Message
    String image_title(String name);

    @Message
    String image_delete_title(String name);

    @Message
    String image_delete_confirm(String name);

    @Message
    String ps_list_title();

    @Message
    String ps_list_empty();

    @Message
    String ps_new();

    @Message
    String ps_title(String name);

    @Message
    String ps_attach();

    @Message
    String ps_hosts();

    @Message
    String ps_hosts_empty();

    @Message
    String ps_clusters_empty();

    @Message
    String ps_delete_confirm(String name);

    @Message
    String action_attach();

    @Message
    String action_detach();

    @Message
    String action_upload();

    @Message
    String volume_list_title();

    @Message
    String volume_list_empty();

    @Message
    String flash_bs_adding(String name);

    @Message
    String flash_bs_reconnecting(String name);

    @Message
    String flash_bs_deleted(String name);

    @Message
    String flash_bs_key_accepted(String name);

    @Message
    String flash_image_importing(String name);

    @Message
    String flash_image_uploaded(String name);

    @Message
    String flash_image_deleting(String name);

    @Message
    String flash_ps_created(String name);

    @Message
    String flash_ps_attaching(String name);

    @Message
    String flash_ps_detached(String name);

    @Message
    String flash_ps_deleted(String name);

    @Message
    String nav_backup_storage();

    @Message
    String nav_images();

    @Message
    String nav_primary_storage();

    @Message
    String nav_volumes();

    @Message
    String error_url_tenant_http_only();

    @Message
    String error_url_address_refused();

    @Message
    String error_path_import_needs_store();

    @Message
    String error_path_import_no_folder(Object name);

    @Message
    String error_path_import_outside(Object name, Object folders);

    @Message
    String error_import_folder_format(Object folder);

    @Message
    String error_import_folder_overlaps_root(Object folder, Object root);

    @Message
    String error_import_folder_count(Object max);

    @Message
    String field_import_folders();

    @Message
    String help_import_folders();

    @Message
    String action_save_import_folders();

    @Message
    String flash_bs_import_folders(String name);

    @Message
    String job_upload_not_stored(String ref);

    @Message
    String error_volume_size_or_offering();

    @Message
    String error_too_many_volumes(String vm, Object max);

    @Message
    String error_volume_not_attachable(String name);

    @Message
    String error_volume_other_host(String name, String vm);

    @Message
    String error_volume_not_on_vm(String name);

    @Message
    String error_volume_is_root(String name);

    @Message
    String error_volume_attached(String name);

    @Message
    String error_unknown_disk_offering();

    @Message
    String flash_volume_deleting(String name);

    @Message
    String error_volume_not_resizable(String name);

    @Message
    String error_volume_not_larger(Object currentMib);

    @Message
    String error_volume_busy(String name);

    @Message
    String error_snapshot_name_taken(String name);

    @Message
    String error_too_many_snapshots(String volume, Object max);

    @Message
    String error_snapshot_larger(String name);

    @Message
    String error_snapshot_busy(String name, String status);

    @Message
    String nav_snapshots();

    @Message
    String snapshot_list_title(String volume);

    @Message
    String snapshot_list_empty();

    @Message
    String snapshot_take();

    @Message
    String snapshot_current();

    @Message
    String snapshot_current_help();

    @Message
    String snapshot_revert();

    @Message
    String snapshot_revert_confirm(String name);

    @Message
    String snapshot_delete_confirm(String name);

    @Message
    String snapshot_to_volume();

    @Message
    String snapshot_new_volume_name();

    @Message
    String snapshot_help();

    @Message
    String flash_snapshot_taking(String name);

    @Message
    String flash_snapshot_reverting(String name);

    @Message
    String flash_snapshot_deleting(String name);

    @Message
    String flash_snapshot_copying(String name, String volume);

    @Message
    String volume_snapshots();

    @Message
    String volume_delete_confirm(String name);

    @Message
    String snapshot_to_image();

    @Message
    String snapshot_new_image_name();

    @Message
    String flash_snapshot_imaging(String image);

    @Message
    String error_image_not_shareable();

    @Message
    String error_nfs_url();

    @Message
    String label_ps_url();

    @Message
    String help_ps_url();

    @Message
    String error_ps_state(String state);

    @Message
    String error_ps_overprovisioning();

    @Message
    String error_ps_disabled(String cluster);

    @Message
    String label_ps_state();

    @Message
    String label_ps_overprovisioning();

    @Message
    String help_ps_overprovisioning();

    @Message
    String action_ps_save();

    @Message
    String flash_ps_updated(String name);

    @Message
    String action_ps_clean_cache();

    @Message
    String flash_ps_cache_cleanup(String name);

    @Message
    String error_ceph_monitors();

    @Message
    String error_ceph_pool();

    @Message
    String error_ceph_user();

    @Message
    String error_ceph_key();

    @Message
    String label_ceph_monitors();

    @Message
    String help_ceph_monitors();

    @Message
    String label_ceph_pool();

    @Message
    String label_ceph_user();

    @Message
    String help_ceph_user();

    @Message
    String label_ceph_key();

    @Message
    String help_ceph_key();

    @Message
    String error_ceph_volume_image();

    @Message
    String error_ps_going_to_maintenance(String name);

    @Message
    String error_ps_has_vms(String name, String vms);

    @Message
    String flash_ps_maintenance(String name);

    @Message
    String action_ps_maintenance();

    @Message
    String label_ps_stop_vms();

    @Message
    String help_ps_maintenance();

    @Message
    String help_bs_ceph_key();

    @Message
    String error_ceph_pool_in_use(String pool);

    @Message
    String error_volume_storage_maintenance(String name, String storage);

    @Message
    String error_iscsi_no_lun(String name, Object wanted, Object largest);

    @Message
    String error_iscsi_portal();

    @Message
    String error_iscsi_iqn();

    @Message
    String error_iscsi_target_in_use(String name);

    @Message
    String error_iscsi_no_snapshots();

    @Message
    String label_iscsi_portal();

    @Message
    String help_iscsi_portal();

    @Message
    String label_iscsi_iqn();

    @Message
    String help_iscsi_iqn();

    @Message
    String title_iscsi_luns();

    @Message
    String col_lun();

    @Message
    String col_lun_volume();

    @Message
    String value_lun_free();

    @Message
    String value_lun_missing();

    @Message
    String flash_ps_refreshing(String name);

    @Message
    String action_ps_refresh();

    @Message
    String title_bs_zones();

    @Message
    String bs_zones_all();

    @Message
    String flash_bs_zones(String name);

    @Message
    String error_image_copy_exists(String image, String store);

    @Message
    String title_image_copies();

    @Message
    String image_copies_none();

    @Message
    String action_remove_copy();

    @Message
    String action_copy_image();

    @Message
    String select_copy_target();

    @Message
    String flash_image_copying(String name);

    @Message
    String flash_image_copy_removing(String name);
}
