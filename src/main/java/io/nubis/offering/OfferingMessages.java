package io.nubis.offering;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of offerings: {@code messages/offer_en.properties} and {@code offer_zh_CN.properties}, {@code {offer:key}} in
 * templates, {@link io.nubis.platform.Messages} in Java. A bundle of its own because Quarkus 3.33's generated bundle
 * class breaks above 300 messages (docs/portal.md).
 */
@MessageBundle(value = "offer", locale = "en")
public interface OfferingMessages {

    @Message
    String error_offering_in_use(Object name, Object count);

    @Message
    String error_offering_disabled(Object name);

    @Message
    String nav_offerings();

    @Message
    String offering_list_title();

    @Message
    String offering_list_empty();

    @Message
    String offering_new();

    @Message
    String offering_edit_title(String name);

    @Message
    String offering_delete_title(String name);

    @Message
    String offering_delete_confirm(String name);

    @Message
    String field_cpus();

    @Message
    String field_memory_mib();

    @Message
    String field_allocator_strategy();

    @Message
    String help_allocator_strategy();

    @Message
    String help_cpus();

    @Message
    String help_memory_mib();

    @Message
    String flash_offering_created(Object name);

    @Message
    String flash_offering_updated(Object name);

    @Message
    String flash_offering_enabled(Object name);

    @Message
    String flash_offering_disabled(Object name);

    @Message
    String flash_offering_deleted(Object name);

    @Message
    String error_disk_offering_in_use(String name, Object count);

    @Message
    String nav_disk_offerings();

    @Message
    String disk_offering_list_title();

    @Message
    String disk_offering_list_empty();

    @Message
    String disk_offering_new();

    @Message
    String disk_offering_edit_title(String name);

    @Message
    String disk_offering_delete_title(String name);

    @Message
    String disk_offering_delete_confirm(String name);

    @Message
    String field_size_gib();

    @Message
    String help_size_gib();

    @Message
    String flash_disk_offering_created(String name);

    @Message
    String flash_disk_offering_updated(String name);

    @Message
    String flash_disk_offering_enabled(String name);

    @Message
    String flash_disk_offering_disabled(String name);

    @Message
    String flash_disk_offering_deleted(String name);
}
