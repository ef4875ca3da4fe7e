package io.nubis.network;

import io.nubis.compute.Host;
import io.nubis.compute.HostStatus;
import io.nubis.driver.HostEndpoint;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/** How network steps reach hosts: short read transactions, so no database lock is held across a host call. */
@ApplicationScoped
class NetworkHosts {

    /** A host as a network step needs it: where it is, how to reach it, which driver type it has. */
    record HostRef(String id, String clusterId, String name, String driverType, HostStatus status,
            HostEndpoint endpoint) {
    }

    @Inject
    SecretBox secrets;

    @Transactional
    HostRef host(String hostId) {
        Host h = hostId == null ? null : Host.findById(hostId);
        if (h == null) {
            throw new NotFoundException("host", hostId);
        }
        return ref(h);
    }

    /** The Connected hosts of a cluster, by name. */
    @Transactional
    List<HostRef> connectedHosts(String clusterId) {
        return Host.<Host>list("clusterId = ?1 and status = ?2 order by name", clusterId, HostStatus.Connected)
                .stream().map(this::ref).toList();
    }

    private HostRef ref(Host h) {
        return new HostRef(h.id, h.clusterId, h.name, h.driverType, h.status, h.endpoint(secrets));
    }
}
