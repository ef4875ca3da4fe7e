package io.nubis.vm;

import java.util.Map;

/**
 * A VM with the names of what it was made from, for its detail page. A name is null when that thing is gone (or, for
 * networks, unknown); the ids stay in {@link #vm()}.
 */
public record VmDetail(VmView vm, String offeringName, String imageName, Map<String, String> networkNames) {

    public VmDetail {
        networkNames = Map.copyOf(networkNames);
    }

    /** Name of the L3 network of a NIC, or null. */
    public String networkName(String l3NetworkId) {
        return l3NetworkId == null ? null : networkNames.get(l3NetworkId);
    }
}
