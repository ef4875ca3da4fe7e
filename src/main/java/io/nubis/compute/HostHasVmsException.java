package io.nubis.compute;

import io.nubis.platform.Text;
import io.nubis.platform.ConflictException;
import java.util.List;

/** A domain rule: a host with running (or busy) VMs does not go into maintenance; Nubis cannot move them yet. */
public class HostHasVmsException extends ConflictException {

    public HostHasVmsException(String hostName, List<String> vms) {
        super(Text.of(ComputeMessages.class, m -> m.error_host_has_vms(hostName, String.join(", ", vms))));
    }
}
