package io.nubis.compute;

import io.nubis.driver.HostDriver;
import io.nubis.driver.HostDrivers;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.HostFacts;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The host transitions the {@code host.*} workflows make, each in its own short transaction. Not for controllers:
 * authorization happened when the job was submitted.
 */
@ApplicationScoped
public class HostLifecycle {

    /** Where a step finds a host: its endpoint and its driver. */
    public record Target(HostEndpoint endpoint, HostDriver driver) {
    }

    @Inject
    HostDrivers drivers;
    @Inject
    HostsConfig config;
    @Inject
    SecretBox secrets;

    @Transactional
    public Target target(String hostId) {
        Host h = Host.findById(hostId);
        if (h == null) {
            throw new NotFoundException(HostService.TYPE, hostId);
        }
        return new Target(h.endpoint(secrets), drivers.get(h.driverType));
    }

    @Transactional
    public List<Target> targetsOf(String column, String id) {
        return Host.<Host>list(column, id).stream()
                .map(h -> new Target(h.endpoint(secrets), drivers.get(h.driverType))).toList();
    }

    /** Stores what connect learned. Capacity in use is kept: available = new total - (old total - old available). */
    @Transactional
    public void recordFacts(String hostId, HostFacts facts) {
        Host h = Host.findById(hostId);
        if (h == null) {
            throw new NotFoundException(HostService.TYPE, hostId);
        }
        int cpuUsed = h.cpuTotal - h.cpuAvailable;
        long memUsed = h.memoryTotal - h.memoryAvailable;
        h.cpuTotal = facts.cpus();
        h.cpuAvailable = facts.cpus() - cpuUsed;
        h.memoryTotal = facts.memoryMib();
        h.memoryAvailable = facts.memoryMib() - memUsed;
        h.cpuModel = facts.cpuModel();
        h.hypervisorVersion = facts.hypervisorVersion();
        h.osVersion = facts.osVersion();
        h.vlanSupported = facts.vlanSupported();
        h.nfsMode = facts.nfsMode();
        if (facts.hostKeyFingerprint() != null) {
            h.hostKeyFingerprint = facts.hostKeyFingerprint();
            h.presentedHostKey = null;
        }
        h.updatedAt = Instant.now();
    }

    /** Keeps the key a host presented instead of the accepted one, for an admin to inspect and accept. */
    @Transactional
    public void recordPresentedKey(String hostId, String fingerprint) {
        Host h = Host.findById(hostId);
        if (h != null) {
            h.presentedHostKey = fingerprint;
            h.updatedAt = Instant.now();
        }
    }

    /** Call inside a job's final transaction. */
    void markConnected(String hostId) {
        Host h = Host.findById(hostId);
        if (h != null) {
            Instant now = Instant.now();
            h.status = HostStatus.Connected;
            h.statusReason = null;
            h.connectedAt = now;
            h.lastPingAt = now;
            h.nextPingAt = now.plus(config.pingInterval());
            h.updatedAt = now;
        }
    }

    /** Call inside a job's final transaction. */
    void markDisconnected(String hostId, String reason) {
        Host h = Host.findById(hostId);
        if (h != null) {
            Instant now = Instant.now();
            h.status = HostStatus.Disconnected;
            h.statusReason = reason;
            h.nextPingAt = now.plus(config.pingInterval());
            h.updatedAt = now;
        }
    }

    /** Removes the host rows of a zone or cluster (column zoneId or clusterId). Call inside a transaction. */
    void deleteHosts(String column, String id) {
        Host.delete(column, id);
    }

    static Map<String, String> factsToMap(HostFacts f) {
        return Map.of("cpus", Integer.toString(f.cpus()), "memoryMib", Long.toString(f.memoryMib()), "cpuModel",
                nz(f.cpuModel()), "hypervisorVersion", nz(f.hypervisorVersion()), "osVersion", nz(f.osVersion()),
                "hostKeyFingerprint", nz(f.hostKeyFingerprint()), "vlanSupported",
                f.vlanSupported() == null ? "" : f.vlanSupported().toString(), "nfsMode", nz(f.nfsMode()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
