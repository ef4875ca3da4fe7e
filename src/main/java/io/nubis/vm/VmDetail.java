package io.nubis.vm;

import io.nubis.storage.ImageView;
import java.util.List;

import java.util.Map;

/**
 * A VM with the names of what it was made from, for its detail page. A name is null when that thing is gone (or, for
 * networks, unknown); the ids stay in {@link #vm()}. {@code isoName}: the ISO in its CD-ROM drive; {@code isoChoices}:
 * the Ready ISO images its owner may insert (issue 8).
 */
public record VmDetail(VmView vm, String offeringName, String imageName, Map<String, String> networkNames,
        String isoName, List<ImageView> isoChoices) {

    public VmDetail {
        networkNames = Map.copyOf(networkNames);
        isoChoices = List.copyOf(isoChoices);
    }

    /** Name of the L3 network of a NIC, or null. */
    public String networkName(String l3NetworkId) {
        return l3NetworkId == null ? null : networkNames.get(l3NetworkId);
    }
}
