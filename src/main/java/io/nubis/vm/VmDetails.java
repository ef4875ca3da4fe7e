package io.nubis.vm;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adds the names of a VM's offering, image and networks to its view, through their features' {@code names} faces, as
 * {@link VmViews} reads host names: the VM's owner sees the names of what the VM was made from even when it could no
 * longer pick them (a disabled offering, an unshared network), and a name that is gone is simply missing, with no error
 * to roll the request back.
 */
@ApplicationScoped
class VmDetails {

    @jakarta.inject.Inject
    io.nubis.offering.OfferingService offerings;
    @jakarta.inject.Inject
    io.nubis.storage.ImageService images;
    @jakarta.inject.Inject
    io.nubis.network.L3NetworkService networks;
    @jakarta.inject.Inject
    io.nubis.securitygroup.SecurityGroupService securityGroups;
    @jakarta.inject.Inject
    io.nubis.securitygroup.SecurityGroups memberships;

    VmDetail of(io.nubis.iam.Caller caller, VmView vm) {
        String offering = vm.offeringId() == null
                ? null
                : offerings.names(List.of(vm.offeringId())).get(vm.offeringId());
        String image = vm.imageId() == null ? null : images.names(List.of(vm.imageId())).get(vm.imageId());
        Set<String> l3Ids = vm.nics().stream().map(VmView.Nic::l3NetworkId).collect(Collectors.toSet());
        String iso = vm.isoImageId() == null ? null : images.names(List.of(vm.isoImageId())).get(vm.isoImageId());
        List<io.nubis.storage.ImageView> isos = images.list(caller, null, io.nubis.storage.ImageStatus.Ready,
                new io.nubis.platform.PageRequest(1, 100)).items().stream().filter(i -> "iso".equals(i.format()))
                .toList();
        List<io.nubis.securitygroup.SecurityGroupView> groups = securityGroups.list(caller).stream()
                .filter(g -> g.accountId().equals(vm.accountId())).toList();
        return new VmDetail(vm, offering, image, networks.names(l3Ids), iso, isos, memberships.of(vm.id()), groups);
    }
}
