package io.nubis.vm.web;

import io.nubis.vm.VmAction;
import io.nubis.vm.VmState;
import io.nubis.vm.VmView;
import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/** What the VM templates derive from a VM: its state badge and the actions its state allows. */
@TemplateExtension
public class VmExtensions {

    private VmExtensions() {
    }

    /** Bootstrap colour of a VM state badge. */
    static String vmBadgeClass(VmState state) {
        return switch (state) {
            case Running -> "success";
            case Stopped, Destroyed -> "secondary";
            case Unknown, Error -> "danger";
            default -> "primary";
        };
    }

    /** Message key of a VM state's label in the vm bundle. */
    static String vmLabelKey(VmState state) {
        return "vm_state_" + state.name();
    }

    /** Whether the VM's state allows an action ({@code stop}, {@code start}, {@code reboot}, {@code destroy}). */
    static boolean allows(VmView vm, String action) {
        return VmAction.valueOf(action.toUpperCase(Locale.ROOT)).allowedIn(vm.state());
    }
}
