package io.nubis.vm;

import io.nubis.storage.ImageView;
import java.util.List;

import java.util.Map;

/**
 * A VM with the names of what it was made from, for its detail page. A name is null when that thing is gone (or, for
 * networks, unknown); the ids stay in {@link #vm()}. {@code isoName}: the ISO in its CD-ROM drive; {@code isoChoices}:
 * the Ready ISO images its owner may insert (issue 8); {@code groups}: its NICs' security groups, {@code groupChoices}
 * the groups of its account (issue 11).
 */
public record VmDetail(VmView vm, String offeringName, String imageName, Map<String, String> networkNames,
        String isoName, List<ImageView> isoChoices, List<io.nubis.securitygroup.SecurityGroups.Membership> groups,
        List<io.nubis.securitygroup.SecurityGroupView> groupChoices) {

    public VmDetail {
        networkNames = Map.copyOf(networkNames);
        isoChoices = List.copyOf(isoChoices);
        groups = List.copyOf(groups);
        groupChoices = List.copyOf(groupChoices);
    }

    /** The security groups a NIC is in (issue 11). */
    public List<io.nubis.securitygroup.SecurityGroups.Membership> groupsOf(String nicId) {
        return groups.stream().filter(m -> m.nicId().equals(nicId)).toList();
    }

    /** Name of the L3 network of a NIC, or null. */
    public String networkName(String l3NetworkId) {
        return l3NetworkId == null ? null : networkNames.get(l3NetworkId);
    }
}
