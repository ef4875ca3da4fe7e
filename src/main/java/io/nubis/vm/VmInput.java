package io.nubis.vm;

import java.util.List;

/** What a tenant sends to create a VM: a name, an instance offering, an image and one or more L3 networks. */
public record VmInput(String name, String description, String offeringId, String imageId,
        List<String> l3NetworkIds) {
}
