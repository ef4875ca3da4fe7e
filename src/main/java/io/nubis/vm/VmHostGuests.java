package io.nubis.vm;

import io.nubis.compute.HostGuests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** The VMs placed on a host, for compute (host maintenance refuses while there are any). */
@ApplicationScoped
public class VmHostGuests implements HostGuests {

    @Override
    @Transactional
    public List<String> liveGuests(String hostId) {
        return VmInstance.<VmInstance>list("hostId = ?1 and state <> ?2 order by name", hostId, VmState.Destroyed)
                .stream().map(v -> v.name).toList();
    }
}
