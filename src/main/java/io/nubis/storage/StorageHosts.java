package io.nubis.storage;

import io.nubis.compute.HostAccess;
import io.nubis.compute.HostStatus;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.StorageDriver;
import io.nubis.driver.StorageDrivers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Finds how to reach a host for storage work: its endpoint (secrets opened) and the storage driver of its type. */
@ApplicationScoped
public class StorageHosts {

    /** A host as storage steps need it. */
    public record Target(String hostId, String hostName, String clusterId, HostStatus status, HostEndpoint endpoint,
            StorageDriver driver) {
    }

    @Inject
    HostAccess hosts;
    @Inject
    StorageDrivers drivers;

    /** The host (through compute's {@link HostAccess}) with this feature's driver for it. */
    public Target target(String hostId) throws DriverException {
        HostAccess.HostRef h = hosts.host(hostId);
        return new Target(h.id(), h.name(), h.clusterId(), h.status(), h.endpoint(), drivers.get(h.driverType()));
    }
}
