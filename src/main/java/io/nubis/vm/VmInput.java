package io.nubis.vm;

import java.util.List;

/**
 * What a tenant sends to create a VM: a name, an instance offering, an image and one or more L3 networks; optionally
 * data volumes to make with it, one per disk offering id (issue 8; the same id may appear twice). An ISO image needs
 * {@code rootDiskOfferingId}: the VM gets a blank root disk of that offering's size and boots from the ISO.
 * {@code securityGroupIds} (issue 11): groups of the caller's account every NIC joins before the VM starts.
 */
public record VmInput(String name, String description, String offeringId, String imageId, List<String> l3NetworkIds,
        List<String> dataDiskOfferingIds, String rootDiskOfferingId, List<String> securityGroupIds,
        CloudInitInput cloudInit) {

    /** Without cloud-init data (the VM gets no config drive). */
    public VmInput(String name, String description, String offeringId, String imageId, List<String> l3NetworkIds,
            List<String> dataDiskOfferingIds, String rootDiskOfferingId, List<String> securityGroupIds) {
        this(name, description, offeringId, imageId, l3NetworkIds, dataDiskOfferingIds, rootDiskOfferingId,
                securityGroupIds, null);
    }

    /** Without security groups (every NIC then receives everything). */
    public VmInput(String name, String description, String offeringId, String imageId, List<String> l3NetworkIds,
            List<String> dataDiskOfferingIds, String rootDiskOfferingId) {
        this(name, description, offeringId, imageId, l3NetworkIds, dataDiskOfferingIds, rootDiskOfferingId, null);
    }

    /** Without data volumes. */
    public VmInput(String name, String description, String offeringId, String imageId, List<String> l3NetworkIds) {
        this(name, description, offeringId, imageId, l3NetworkIds, null, null);
    }
}
