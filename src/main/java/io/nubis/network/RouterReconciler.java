package io.nubis.network;

import io.nubis.compute.HostAccess;
import io.nubis.compute.HostReconnected;
import io.nubis.compute.HostStatus;
import io.nubis.driver.DriverException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps every virtual router as the database says (issue 10): every {@code nubis.routers.reconcile-interval} it applies
 * each router whose host is Connected (re-creating one found missing: a deleted namespace, a rebooted host), removes
 * those of deleted networks, then the bridges (and VXLAN devices) of deleted private networks from the hosts of their
 * clusters, and releases public addresses whose elastic IP or router never got (or lost) its row; a host that
 * reconnects gets its routers at once. A failure is kept on the router (state Error, the message for admins) and tried
 * again next time.
 */
@ApplicationScoped
public class RouterReconciler {

    private static final Logger LOG = Logger.getLogger(RouterReconciler.class);

    @Inject
    RouterStore store;
    @Inject
    RouterService routers;
    @Inject
    HostAccess hosts;
    @Inject
    io.nubis.driver.NetworkDrivers drivers;
    /** How old an address without its elastic IP or router must be before it is released. */
    @ConfigProperty(name = "nubis.routers.orphan-address-grace", defaultValue = "5M")
    Duration orphanGrace;

    @Scheduled(every = "${nubis.routers.reconcile-interval:30s}", delayed = "${nubis.routers.reconcile-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        for (VirtualRouter r : store.all()) {
            reconcile(r);
        }
        // after the routers: a deleted network's router (a port of its bridge) is gone by now
        for (RouterStore.Cleanup c : store.cleanups()) {
            clean(c);
        }
        int released = store.releaseOrphans(Instant.now().minus(orphanGrace));
        if (released > 0) {
            LOG.infof("released %d public address(es) no elastic IP or router held", released);
        }
    }

    /**
     * Removes a deleted segment's bridge from every Connected host of its clusters; the record goes once every host of
     * those clusters is done (hosts that are not Connected get it on a later round).
     */
    private void clean(RouterStore.Cleanup c) {
        boolean all = true;
        for (HostAccess.HostRef h : hosts.hostsIn(c.clusterIds())) {
            if (h.status() != HostStatus.Connected) {
                all = false;
                continue;
            }
            try {
                drivers.get(h.driverType()).removeBridge(h.endpoint(), c.bridge(), c.vni());
            } catch (DriverException | RuntimeException e) {
                all = false;
                LOG.warnf("bridge %s on host %s: %s", c.bridge(), h.name(), e.getMessage());
            }
        }
        if (all) {
            store.cleaned(c.id());
        }
    }

    void onReconnected(@Observes HostReconnected e) {
        for (VirtualRouter r : store.all()) {
            if (e.hostId().equals(r.hostId) && r.state != RouterState.Deleting) {
                try {
                    routers.apply(r.id);
                } catch (DriverException ex) {
                    throw new IllegalStateException("restoring router " + r.id + " on host " + e.hostId()
                            + " failed: " + ex.getMessage(), ex);
                }
            }
        }
    }

    private void reconcile(VirtualRouter r) {
        try {
            if (r.state == RouterState.Deleting) {
                if (r.hostId == null || !hosts.exists(r.hostId)
                        || hosts.host(r.hostId).status() == HostStatus.Connected) {
                    routers.remove(r.id);
                }
            } else if (r.hostId != null && hosts.exists(r.hostId)
                    && hosts.host(r.hostId).status() == HostStatus.Connected) {
                routers.apply(r.id);
            }
        } catch (DriverException | RuntimeException e) {
            LOG.warnf("router %s of network %s: %s", r.id, r.l3Id, e.getMessage());
        }
    }
}
