package io.nubis.network;

import io.nubis.compute.HostReconnected;
import io.nubis.driver.DriverException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * When a host connects again, re-creates the bridge and the DHCP service of every L3 network whose DHCP runs there (its
 * DHCP server address is bound to the host), with the current lease set: a rebooted host has neither (issue 7).
 * Idempotent: on a host that kept them, the driver finds them as they should be.
 */
@ApplicationScoped
public class NetworkRestorer {

    private static final Logger LOG = Logger.getLogger(NetworkRestorer.class);

    @Inject
    NetworkProvisioner provisioner;
    @Inject
    Reads reads;

    void onReconnected(@Observes HostReconnected e) {
        for (String l3 : reads.dhcpNetworksOn(e.hostId())) {
            try {
                provisioner.ensureOnHost(e.hostId(), l3);
            } catch (DriverException ex) {
                throw new IllegalStateException("restoring the network of L3 " + l3 + " on host " + e.hostId()
                        + " failed: " + ex.getMessage(), ex);
            }
            LOG.debugf("restored L3 %s on host %s", l3, e.hostId());
        }
    }

    /** Short read transactions. */
    @ApplicationScoped
    static class Reads {

        @Transactional
        List<String> dhcpNetworksOn(String hostId) {
            return IpAllocation.<IpAllocation>list("ownerType = ?1 and hostId = ?2 order by l3Id",
                    NetworkProvisioner.DHCP_OWNER, hostId).stream().map(a -> a.l3Id).distinct().toList();
        }
    }
}
