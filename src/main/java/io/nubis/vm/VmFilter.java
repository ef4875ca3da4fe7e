package io.nubis.vm;

import io.nubis.platform.ListOrder;
import java.util.Map;

/**
 * Optional filters of the VM list. Destroyed VMs are hidden unless {@code state} asks for them. The list's orders are
 * {@link #ORDER}: the page request's sort names one.
 */
public record VmFilter(VmState state, String q, String hostId) {

    /** The orders the VM list may be shown in (newest first by default). */
    public static final ListOrder ORDER = new ListOrder(Map.of("name", "name", "state", "state", "created",
            "createdAt"), "createdAt", true);

    public static VmFilter none() {
        return new VmFilter(null, null, null);
    }
}
