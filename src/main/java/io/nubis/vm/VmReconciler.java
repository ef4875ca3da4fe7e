package io.nubis.vm;

import io.nubis.compute.HostAnswered;
import io.nubis.compute.HostLost;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.VmDriver;
import io.nubis.driver.VmDrivers;
import io.nubis.driver.VmPowerState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps VM states true to what the hypervisor reports. {@link HostPinger} calls it after every answered ping, so a VM
 * killed on its host shows Stopped within one ping interval, and when a host stops answering its VMs turn Unknown. Only
 * settled states (Running, Stopped, Unknown) are corrected, each with a conditional update, so a job's transitional
 * state is never overwritten.
 */
@ApplicationScoped
public class VmReconciler {

    private static final Logger LOG = Logger.getLogger(VmReconciler.class);
    private static final List<VmState> SETTLED = List.of(VmState.Running, VmState.Stopped, VmState.Unknown);

    @Inject
    VmDrivers drivers;
    @Inject
    EntityManager em;

    void onHostAnswered(@Observes HostAnswered e) {
        reconcile(e.hostId(), e.endpoint(), e.driverType());
    }

    void onHostLost(@Observes HostLost e) {
        hostLost(e.hostId());
    }

    /** Compares the host's VMs with the database and corrects settled states. Never throws. */
    public void reconcile(String hostId, HostEndpoint endpoint, String driverType) {
        try {
            List<VmInstance> vms = QuarkusTransaction.requiringNew()
                    .call(() -> VmInstance.<VmInstance>list("hostId = ?1 and state in ?2", hostId, SETTLED));
            if (vms.isEmpty()) {
                return;
            }
            Optional<VmDriver> driver = drivers.find(driverType);
            if (driver.isEmpty()) {
                return;
            }
            Map<String, VmPowerState> actual = driver.get().list(endpoint);
            for (VmInstance vm : vms) {
                VmPowerState p = actual.get(vm.id);
                VmState observed = p == null
                        ? VmState.Stopped
                        : p == VmPowerState.Running ? VmState.Running : VmState.Stopped;
                if (observed != vm.state) {
                    String reason = p == null
                            ? "the VM is not defined on its host"
                            : observed == VmState.Stopped
                                    ? "stopped outside Nubis (hypervisor reports " + p + ")"
                                    : null;
                    if (update(vm.id, vm.state, observed, reason)) {
                        LOG.infof("VM %s (%s): %s -> %s (%s)", vm.name, vm.id, vm.state, observed, reason);
                    }
                }
            }
        } catch (DriverException e) {
            LOG.debugf("cannot list VMs of host %s: %s", hostId, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf(e, "reconciling VMs of host %s failed", hostId);
        }
    }

    /** The host stopped answering: its settled VMs are Unknown until it answers again. */
    public void hostLost(String hostId) {
        QuarkusTransaction.requiringNew().run(() -> em.createQuery("update VmInstance set state = :unknown,"
                + " stateReason = :reason, stateReasonPublic = :reason, updatedAt = :now"
                + " where hostId = :host and state in :settled")
                .setParameter("unknown", VmState.Unknown).setParameter("reason", "its host does not answer")
                .setParameter("now", Instant.now()).setParameter("host", hostId)
                .setParameter("settled", List.of(VmState.Running, VmState.Stopped)).executeUpdate());
    }

    private boolean update(String vmId, VmState from, VmState to, String reason) {
        // the reasons name no host: the owner reads them too
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("update VmInstance set state = :to,"
                + " stateReason = :reason, stateReasonPublic = :reason, updatedAt = :now"
                + " where id = :id and state = :from").setParameter("to", to)
                .setParameter("reason", reason).setParameter("now", Instant.now()).setParameter("id", vmId)
                .setParameter("from", from).executeUpdate() == 1);
    }
}
