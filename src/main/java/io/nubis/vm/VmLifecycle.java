package io.nubis.vm;

import io.nubis.compute.HostAccess;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.VmDriver;
import io.nubis.driver.VmDrivers;
import io.nubis.platform.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * VM transitions the {@code vm.*} workflows make, each in its own short transaction (or, for the package-private ones,
 * inside a job's final transaction). Not for controllers: authorization happened when the job was submitted.
 */
@ApplicationScoped
public class VmLifecycle {

    /** Where a VM lives: its host's endpoint and VM driver. */
    public record Placement(String vmId, String hostId, HostEndpoint host, VmDriver driver) {
    }

    @Inject
    io.nubis.platform.Sql sql;

    @Inject
    VmDrivers drivers;
    @Inject
    HostAccess hosts;

    /** The VM's host and driver; fails when the VM has no host (never placed). */
    @Transactional
    public Placement placement(String vmId) {
        VmInstance vm = find(vmId);
        if (vm.hostId == null) {
            throw new IllegalStateException("VM " + vmId + " has no host");
        }
        HostAccess.HostRef h = hosts.host(vm.hostId);
        return new Placement(vm.id, h.id(), h.endpoint(), drivers.get(h.driverType()));
    }

    /** The placement of a VM whose host the caller read already (a step's {@link VmStore.Snapshot}). */
    /** The VM as reached on a given host (a migration's source or target, issue 12). */
    public Placement placementOn(String vmId, String hostId) {
        HostAccess.HostRef h = hosts.host(hostId);
        return new Placement(vmId, h.id(), h.endpoint(), drivers.get(h.driverType()));
    }

    public Placement placement(VmStore.Snapshot vm) {
        if (vm.hostId() == null) {
            throw new IllegalStateException("VM " + vm.id() + " has no host");
        }
        HostAccess.HostRef h = hosts.host(vm.hostId());
        return new Placement(vm.id(), h.id(), h.endpoint(), drivers.get(h.driverType()));
    }

    /** Where a VM's serial console output goes on its host. */
    static String consoleLog(String vmId) {
        return "/var/log/nubis/console/" + vmId + ".log";
    }

    /**
     * Sets a VM's state with a reason for admins only (its owner sees none); call inside a job's final transaction.
     * Ignores a VM that no longer exists.
     */
    void setState(String vmId, VmState state, String reason) {
        setState(vmId, state, reason, null);
    }

    /**
     * Sets a VM's state with a reason for admins and one for its owner ({@code publicReason}, e.g. a failed job's
     * {@link io.nubis.job.JobContext#publicError()}); call inside a job's final transaction.
     */
    void setState(String vmId, VmState state, String reason, String publicReason) {
        // one UPDATE, no read first (a job's final transaction runs once per job: it should cost little); plain JDBC
        // after Hibernate has flushed the transaction's pending changes (VM rows included)
        sql.flushedUpdate("UPDATE vm_instance SET state = ?, state_reason = ?, state_reason_public = ?, updated_at = ?"
                + " WHERE id = ?", state.name(), reason, publicReason, Instant.now(), vmId);
    }

    VmInstance find(String vmId) {
        VmInstance vm = VmInstance.findById(vmId);
        if (vm == null) {
            throw new NotFoundException(VmService.TYPE, vmId);
        }
        return vm;
    }
}
