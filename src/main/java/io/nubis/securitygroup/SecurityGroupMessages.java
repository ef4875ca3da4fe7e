package io.nubis.securitygroup;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of security groups: {@code messages/sg_en.properties} and {@code sg_zh_CN.properties}, {@code {sg:key}} in
 * templates, {@link io.nubis.platform.Messages} in Java. A bundle of its own because Quarkus 3.33's generated bundle
 * class breaks above 300 messages (docs/portal.md).
 */
@MessageBundle(value = "sg", locale = "en")
public interface SecurityGroupMessages {

    @Message
    String error_sg_direction();

    @Message
    String error_sg_protocol();

    @Message
    String error_sg_no_ports(String protocol);

    @Message
    String error_sg_port();

    @Message
    String error_sg_port_order(Object start);

    @Message
    String error_sg_other_side();

    @Message
    String error_sg_cidr_format();

    @Message
    String error_sg_cidr_host_bits(String cidr, String suggestion);

    @Message
    String error_sg_rule_exists();

    @Message
    String error_sg_rules_limit(Object max);

    @Message
    String error_sg_in_use(String name, String members, String groups);

    @Message
    String error_sg_member_exists(String name);

    @Message
    String error_sg_not_member(String name);

    @Message
    String error_sg_groups_per_nic(Object max);

    @Message
    String nav_security_groups();

    @Message
    String sg_help();

    @Message
    String sg_rules();

    @Message
    String sg_members();

    @Message
    String sg_empty();

    @Message
    String sg_new();

    @Message
    String sg_default_rules();

    @Message
    String sg_delete_confirm(String name);

    @Message
    String sg_members_count(long count);

    @Message
    String sg_field_direction();

    @Message
    String sg_field_protocol();

    @Message
    String sg_field_ports();

    @Message
    String sg_field_other_side();

    @Message
    String sg_field_port_start();

    @Message
    String sg_field_port_end();

    @Message
    String sg_field_cidr();

    @Message
    String sg_field_remote_group();

    @Message
    String sg_direction_ingress();

    @Message
    String sg_direction_egress();

    @Message
    String sg_ports_all();

    @Message
    String sg_other_group(String name);

    @Message
    String sg_no_rules();

    @Message
    String sg_rule_new();

    @Message
    String sg_help_ports();

    @Message
    String sg_help_cidr();

    @Message
    String sg_help_remote_group();

    @Message
    String sg_action_add_rule();

    @Message
    String flash_sg_created(String name);

    @Message
    String flash_sg_deleted(String name);

    @Message
    String flash_sg_rules_saved();

    @Message
    String sg_no_members();
}
