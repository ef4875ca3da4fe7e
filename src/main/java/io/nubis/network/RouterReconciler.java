package io.nubis.network;

import io.nubis.compute.HostAccess;
import io.nubis.compute.HostReconnected;
import io.nubis.compute.HostStatus;
import io.nubis.driver.DriverException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Keeps every virtual router as the database says (issue 10): every {@code nubis.routers.reconcile-interval} it applies
 * each router whose host is Connected (re-creating one found missing: a deleted namespace, a rebooted host) and removes
 * those of deleted networks; a host that reconnects gets its routers at once. A failure is kept on the router (state
 * Error, the message for admins) and tried again next time.
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

    @Scheduled(every = "${nubis.routers.reconcile-interval:30s}", delayed = "${nubis.routers.reconcile-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        for (VirtualRouter r : store.all()) {
            reconcile(r);
        }
    }

    void onReconnected(@Observes HostReconnected e) {
        for (VirtualRouter r : store.all()) {
            if (e.hostId().equals(r.hostId) && r.state != RouterState.Deleting) {
                try {
                    routers.apply(r);
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
                    routers.remove(r);
                }
            } else if (r.hostId != null && hosts.exists(r.hostId)
                    && hosts.host(r.hostId).status() == HostStatus.Connected) {
                routers.apply(r);
            }
        } catch (DriverException | RuntimeException e) {
            LOG.warnf("router %s of network %s: %s", r.id, r.l3Id, e.getMessage());
        }
    }
}
