package io.nubis.vm;

import io.nubis.network.L3NetworkView;
import io.nubis.offering.InstanceOfferingView;
import io.nubis.storage.ImageView;
import java.util.List;

/**
 * What a caller may pick from when creating a VM, by the same rules {@link VmService#create} validates with: Enabled
 * offerings, Ready images that are not ISOs, Enabled L3 networks the caller may use, Enabled disk offerings.
 */
public record VmChoices(List<InstanceOfferingView> offerings, List<ImageView> images, List<L3NetworkView> networks,
        List<io.nubis.offering.DiskOfferingView> diskOfferings,
        List<io.nubis.securitygroup.SecurityGroupView> securityGroups) {
}
