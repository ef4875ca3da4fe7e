package io.nubis.compute;

import io.nubis.platform.Text;
import io.nubis.platform.ConflictException;

/**
 * A domain rule, not a host's answer: no Enabled, Connected host of the clusters that can serve the request has room
 * for it (or there is none). Thrown by placement; a job records its text for admins and tenants alike (it names no
 * host).
 */
public class NoHostCapacityException extends ConflictException {

    public NoHostCapacityException(int cpus, long memoryMib) {
        super(Text.of(ComputeMessages.class, m -> m.error_no_host_capacity(cpus, memoryMib)));
    }
}
