package io.nubis.vm;

import io.nubis.network.L3Network;
import io.nubis.offering.InstanceOffering;
import io.nubis.platform.Rows;
import io.nubis.storage.Image;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adds the names of a VM's offering, image and networks to its view. Read from their rows directly, as {@link VmViews}
 * reads host names: the VM's owner sees the names of what the VM was made from even when it could no longer pick them
 * (a disabled offering, an unshared network), and a name that is gone is simply missing, with no error to roll the
 * request back.
 */
@ApplicationScoped
class VmDetails {

    VmDetail of(VmView vm) {
        InstanceOffering offering = vm.offeringId() == null ? null : InstanceOffering.findById(vm.offeringId());
        Image image = vm.imageId() == null ? null : Image.findById(vm.imageId());
        Set<String> l3Ids = vm.nics().stream().map(VmView.Nic::l3NetworkId).collect(Collectors.toSet());
        Map<String, String> networks = Rows.valueById(L3Network.class, l3Ids, n -> n.name);
        return new VmDetail(vm, offering == null ? null : offering.name, image == null ? null : image.name, networks);
    }

}
