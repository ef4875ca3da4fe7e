package io.nubis.vm.web;

import io.nubis.vm.VmInput;
import java.util.List;

/** The create form as submitted, shown back when it has errors. */
public record VmForm(String name, String description, String offeringId, String imageId, List<String> l3NetworkIds) {

    public VmForm {
        l3NetworkIds = l3NetworkIds == null
                ? List.of()
                : l3NetworkIds.stream().filter(id -> id != null && !id.isBlank()).toList();
    }

    static VmForm empty() {
        return new VmForm("", "", "", "", List.of());
    }

    /** Whether a network's checkbox is to be shown ticked. */
    public boolean selects(String l3NetworkId) {
        return l3NetworkIds.contains(l3NetworkId);
    }

    VmInput input() {
        return new VmInput(name, description, offeringId, imageId, l3NetworkIds);
    }
}
