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
}
