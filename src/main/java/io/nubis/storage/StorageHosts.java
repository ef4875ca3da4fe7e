package io.nubis.storage;

import io.nubis.compute.Host;
import io.nubis.compute.HostStatus;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.StorageDriver;
import io.nubis.driver.StorageDrivers;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Finds how to reach a host for storage work: its endpoint (secrets opened) and the storage driver of its type. */
@ApplicationScoped
public class StorageHosts {

    /** A host as storage steps need it. */
    public record Target(String hostId, String clusterId, HostStatus status, HostEndpoint endpoint,
            StorageDriver driver) {
    }

    @Inject
    SecretBox secrets;
    @Inject
    StorageDrivers drivers;

    @Transactional
    public Target target(String hostId) throws DriverException {
        Host h = hostId == null ? null : Host.findById(hostId);
        if (h == null) {
            throw new NotFoundException("host", hostId);
        }
        return new Target(h.id, h.clusterId, h.status, h.endpoint(secrets), drivers.get(h.driverType));
    }
}
