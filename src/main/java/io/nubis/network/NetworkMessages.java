package io.nubis.network;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of networks (L2, L3, ranges, IPAM): {@code messages/net_en.properties} and {@code net_zh_CN.properties},
 * {@code {net:key}} in templates, {@link io.nubis.platform.Messages} in Java. A bundle of its own because Quarkus
 * 3.33's generated bundle class breaks above 300 messages (docs/portal.md).
 */
@MessageBundle(value = "net", locale = "en")
public interface NetworkMessages {

    @Message
    String error_interface_format();

    @Message
    String error_bridge_format();

    @Message
    String error_interface_is_bridge();

    @Message
    String error_interface_taken(Object iface, Object network);

    @Message
    String error_bridge_taken(Object bridge, Object network);

    @Message
    String error_l2_has_l3(Object name, Object count);

    @Message
    String error_l2_attaching(Object name);

    @Message
    String error_l2_already_attached(Object name, Object cluster);

    @Message
    String error_l2_not_attached(Object name, Object cluster);

    @Message
    String error_l2_in_use_in_cluster(Object name, Object cluster, Object hosts);

    @Message
    String error_zone_has_l2(Object name, Object count);

    @Message
    String error_cluster_other_zone(Object name);

    @Message
    String error_unknown_l2(Object id);

    @Message
    String error_cidr_format();

    @Message
    String error_cidr_prefix(Object min, Object max);

    @Message
    String error_cidr_host_bits();

    @Message
    String error_ipv4_format();

    @Message
    String error_gateway_outside(Object cidr);

    @Message
    String error_dns_format(Object address);

    @Message
    String error_dns_too_many(Object max);

    @Message
    String error_cidr_overlaps(Object cidr, Object name);

    @Message
    String error_name_taken_in_l2(Object name);

    @Message
    String error_l3_disabled(Object name);

    @Message
    String error_l3_in_use(Object name, Object count, Object holders);

    @Message
    String error_range_order(Object start);

    @Message
    String error_range_contains_gateway(Object gateway);

    @Message
    String error_range_overlaps(Object start, Object end);

    @Message
    String error_range_in_use(Object start, Object end, Object count);

    @Message
    String error_ip_outside_cidr(Object cidr);

    @Message
    String error_ip_network_or_broadcast();

    @Message
    String error_no_free_address(Object name);

    @Message
    String error_ipam_busy(Object id);

    @Message
    String error_owner_type_format();

    @Message
    String error_mac_format();

    @Message
    String error_hostname_format();

    @Message
    String error_unknown_host(Object id);

    @Message
    String error_mac_taken(Object mac, Object network);

    @Message
    String nav_l2_networks();

    @Message
    String nav_l3_networks();

    @Message
    String l2_list_title();

    @Message
    String l2_list_empty();

    @Message
    String l2_new();

    @Message
    String l2_title(String name);

    @Message
    String l2_edit_title(String name);

    @Message
    String l2_delete_title(String name);

    @Message
    String l2_delete_confirm(String name);

    @Message
    String l2_attached_clusters();

    @Message
    String l2_no_clusters();

    @Message
    String l2_attach();

    @Message
    String l2_detach();

    @Message
    String l2_no_l3();

    @Message
    String field_bridge();

    @Message
    String field_physical_interface();

    @Message
    String help_physical_interface();

    @Message
    String help_bridge_name();

    @Message
    String help_l2_type();

    @Message
    String flash_l2_created(Object name);

    @Message
    String flash_l2_updated(Object name);

    @Message
    String flash_l2_deleted(Object name);

    @Message
    String flash_l2_attaching(Object name, Object cluster);

    @Message
    String flash_l2_detached(Object name, Object cluster);

    @Message
    String l3_list_title();

    @Message
    String l3_list_empty();

    @Message
    String l3_new();

    @Message
    String l3_title(String name);

    @Message
    String l3_edit_title(String name);

    @Message
    String l3_delete_title(String name);

    @Message
    String l3_delete_confirm(String name);

    @Message
    String l3_ranges();

    @Message
    String l3_no_ranges();

    @Message
    String l3_add_range();

    @Message
    String l3_allocations();

    @Message
    String l3_no_allocations();

    @Message
    String l3_usage(long used, long total, int percent);

    @Message
    String field_l2_network();

    @Message
    String field_cidr();

    @Message
    String field_gateway();

    @Message
    String field_dns_servers();

    @Message
    String field_shared();

    @Message
    String field_ip_usage();

    @Message
    String field_start_ip();

    @Message
    String field_end_ip();

    @Message
    String field_size();

    @Message
    String field_used();

    @Message
    String field_ip();

    @Message
    String field_owner();

    @Message
    String field_mac();

    @Message
    String field_hostname();

    @Message
    String field_yes();

    @Message
    String field_no();

    @Message
    String help_cidr();

    @Message
    String help_gateway();

    @Message
    String help_dns_servers();

    @Message
    String help_shared();

    @Message
    String help_range();

    @Message
    String select_l2();

    @Message
    String filter_all_l2();

    @Message
    String flash_l3_created(Object name);

    @Message
    String flash_l3_updated(Object name);

    @Message
    String flash_l3_enabled(Object name);

    @Message
    String flash_l3_disabled(Object name);

    @Message
    String flash_l3_deleted(Object name);

    @Message
    String flash_range_added(Object start, Object end);

    @Message
    String flash_range_removed(Object start, Object end);

    @Message
    String error_vlan_needs_interface();

    @Message
    String error_vlan_id_range(Object min, Object max);

    @Message
    String error_vlan_id_only_vlan();

    @Message
    String error_vni_range(Object min, Object max);

    @Message
    String error_vni_only_vxlan();

    @Message
    String error_vxlan_no_interface();

    @Message
    String error_vlan_name_too_long(Object name);

    @Message
    String error_vlan_taken(Object iface, Object vlan, Object network);

    @Message
    String error_vni_taken(Object vni, Object network);

    @Message
    String error_vlan_hosts_unsupported(Object cluster, Object hosts);

    @Message
    String field_vlan_id();

    @Message
    String field_vni();

    @Message
    String help_vlan_id();

    @Message
    String help_vni();

    @Message
    String error_unknown_vni_pool(Object id);

    @Message
    String error_vni_pool_order(Object start);

    @Message
    String error_vni_pool_overlaps(Object name, Object start, Object end);

    @Message
    String error_vni_pool_in_use(Object name, Object count);

    @Message
    String error_vni_pool_cluster_taken(Object pool, Object cluster);

    @Message
    String error_vni_pool_cluster_absent(Object pool, Object cluster);

    @Message
    String error_vni_pool_exhausted(Object name);

    @Message
    String error_vni_pool_no_clusters(Object name);

    @Message
    String error_zone_has_vni_pools(Object zone, Object count);

    @Message
    String error_private_no_l2();

    @Message
    String error_private_name_taken(Object name);

    @Message
    String nav_vni_pools();

    @Message
    String nav_networks();

    @Message
    String vni_pools_help();

    @Message
    String vni_range();

    @Message
    String vni_used();

    @Message
    String vni_start();

    @Message
    String vni_end();

    @Message
    String vni_pool_clusters();

    @Message
    String vni_pools_empty();

    @Message
    String vni_pool_new();

    @Message
    String vni_pool_delete_confirm(String name);

    @Message
    String vni_pool_clusters_help();

    @Message
    String vni_pool_no_clusters();

    @Message
    String flash_vni_pool_created(Object name);

    @Message
    String flash_vni_pool_saved(Object name);

    @Message
    String flash_vni_pool_deleted(Object name);

    @Message
    String networks_help();

    @Message
    String network_kind();

    @Message
    String network_addresses();

    @Message
    String kind_private();

    @Message
    String kind_shared();

    @Message
    String networks_empty();

    @Message
    String private_new();

    @Message
    String private_no_pools();

    @Message
    String field_vni_pool();

    @Message
    String help_private_cidr();

    @Message
    String help_private_gateway();

    @Message
    String private_delete_confirm(String name);

    @Message
    String flash_private_created(Object name, Object cidr);

    @Message
    String flash_private_deleted(Object name);

    @Message
    String error_public_network(Object id);

    @Message
    String field_public_network();

    @Message
    String help_public_network();

    @Message
    String error_router_not_recreatable();

    @Message
    String error_unknown_private_network(Object id);

    @Message
    String error_no_public_network(Object name);

    @Message
    String error_not_a_nic_address(Object ip);

    @Message
    String error_eip_private_taken(Object ip);

    @Message
    String error_port_range(Object min, Object max);

    @Message
    String error_port_order(Object start);

    @Message
    String error_port_width(Object max);

    @Message
    String error_protocol();

    @Message
    String error_port_forward_conflict(Object protocol, Object start, Object end);

    @Message
    String error_l3_has_services(Object name, Object eips, Object forwards);

    @Message
    String flash_rules_saved();

    @Message
    String router_title();

    @Message
    String router_none();

    @Message
    String router_state();

    @Message
    String router_public_ip();

    @Message
    String eips_title();

    @Message
    String eip_allocate();

    @Message
    String eip_attach();

    @Message
    String eip_detach();

    @Message
    String eip_release();

    @Message
    String eip_unbound();

    @Message
    String forwards_title();

    @Message
    String forward_add();

    @Message
    String forward_protocol();

    @Message
    String forward_public();

    @Message
    String forward_public_end();

    @Message
    String forward_private();

    @Message
    String forward_private_port();

    @Message
    String rules_empty();

    @Message
    String nav_routers();

    @Message
    String routers_empty();

    @Message
    String router_recreate();

    @Message
    String field_host_name();

    @Message
    String router_error();

    @Message
    String network_machines();

    @Message
    String delete_network_cascade();

    @Message
    String error_port_forwards_limit(Object max);

    @Message
    String error_lb_protocol();

    @Message
    String error_lb_algorithm();

    @Message
    String error_lb_check();

    @Message
    String error_lb_weight();

    @Message
    String error_lb_limit(Object max);

    @Message
    String error_lb_port_taken(Object port);

    @Message
    String error_lb_backend_exists(String ip, Object port);

    @Message
    String error_lb_backends_limit(Object max);

    @Message
    String lb_title();

    @Message
    String lb_check_every(int seconds);

    @Message
    String lb_no_backends();

    @Message
    String lb_backend_port();

    @Message
    String lb_weight();

    @Message
    String lb_add_backend();

    @Message
    String lb_empty();

    @Message
    String lb_port();

    @Message
    String lb_algorithm();

    @Message
    String lb_check();

    @Message
    String lb_add();

    @Message
    String error_lb_address();

    @Message
    String lb_address();

    @Message
    String lb_address_public();

    @Message
    String lb_address_private();
}
