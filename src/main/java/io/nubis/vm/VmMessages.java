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
    String error_image_iso(String name);

    @Message
    String error_duplicate_network();

    @Message
    String error_too_many_networks(int max);

    @Message
    String error_unknown_network();

    @Message
    String error_networks_zones();
}
