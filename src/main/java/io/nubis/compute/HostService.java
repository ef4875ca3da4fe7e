package io.nubis.compute;

import io.nubis.iam.AccessControl;
import io.nubis.iam.Accounts;
import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Audited;
import io.nubis.iam.Caller;
import io.nubis.job.Accepted;
import io.nubis.job.JobRequest;
import io.nubis.job.JobService;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.ListOrder;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Page;
import io.nubis.platform.PageRequest;
import io.nubis.platform.Rows;
import io.nubis.platform.SecretBox;
import io.nubis.platform.SshLogin;
import io.nubis.platform.Text;
import io.nubis.platform.UniqueViolation;
import io.nubis.platform.Validation;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Hosts: admin-only. Adding, reconnecting, entering maintenance and deleting a host are jobs; enabling and disabling
 * only change Nubis' own state and take effect at once.
 */
@ApplicationScoped
@Transactional
public class HostService {

    /** The orders the host list may be shown in. */
    public static final ListOrder ORDER = new ListOrder(Map.of("name", "name", "address", "address", "state", "state",
            "status", "status", "created", "createdAt"), "name", false);

    static final String TYPE = "host";
    static final String SIMULATOR = "Simulator";

    @Inject
    @jakarta.enterprise.inject.Any
    jakarta.enterprise.inject.Instance<HostGuests> guests;

    @Inject
    AccessControl access;
    @Inject
    AuditLog audit;
    @Inject
    JobService jobs;
    @Inject
    SecretBox secrets;

    public Page<HostView> list(Caller caller, HostFilter f, PageRequest pr) {
        access.requireAdmin(caller);
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        if (f.zoneId() != null && !f.zoneId().isBlank()) {
            where.add("zoneId = :zone");
            p.and("zone", f.zoneId().trim());
        }
        if (f.clusterId() != null && !f.clusterId().isBlank()) {
            where.add("clusterId = :cluster");
            p.and("cluster", f.clusterId().trim());
        }
        if (f.state() != null) {
            where.add("state = :state");
            p.and("state", f.state());
        }
        if (f.status() != null) {
            where.add("status = :status");
            p.and("status", f.status());
        }
        if (f.q() != null && !f.q().isBlank()) {
            where.add("(name like :q or address like :q)");
            p.and("q", "%" + f.q().trim() + "%");
        }
        Sort sort = ORDER.sort(pr);
        PanacheQuery<Host> q = where.isEmpty() ? Host.findAll(sort) : Host.find(String.join(" and ", where), sort, p);
        List<Host> hosts = q.page(pr.page() - 1, pr.size()).list();
        return new Page<>(views(hosts), pr.page(), pr.size(),
                where.isEmpty() ? Host.count() : Host.count(String.join(" and ", where), p));
    }

    public HostView get(Caller caller, String id) {
        access.requireAdmin(caller);
        return views(List.of(find(id))).get(0);
    }

    /** Writes the host as Connecting and starts a {@code host.add} job that connects it. */
    @Audited("host.add")
    public Accepted<HostView> add(Caller caller, HostInput in) {
        access.requireAdmin(caller);
        Validation v = Validation.start();
        if (in == null) {
            v.add("address", Text.msg(m -> m.error_required())).throwIfAny();
        }
        v.id("clusterId", in.clusterId());
        Cluster cluster = null;
        if (!v.hasError("clusterId")) {
            Cluster found = Cluster.findById(in.clusterId());
            cluster = found;
            v.check(found != null, "clusterId",
                    Text.of(ComputeMessages.class, m -> m.error_unknown_cluster(in.clusterId())));
            v.check(found == null || found.state != ZoneState.Deleting, "clusterId",
                    Text.of(ComputeMessages.class, m -> m.error_cluster_deleting(found == null ? "" : found.name)));
        }
        boolean needsLogin = cluster != null && !SIMULATOR.equals(cluster.hypervisorType);
        SshLogin login = SshLogin.validate(v, in.address(), in.sshPort(), "sshPort", in.username(), in.password(),
                in.privateKey(), needsLogin,
                Text.of(ComputeMessages.class, m -> m.error_credentials_required()));
        String given = Validation.blankToNull(in.name());
        String name = given == null && !v.hasError("address") ? in.address().trim().replace(':', '-') : given;
        v.name("name", name).maxLength("description", in.description(), Validation.MAX_DESCRIPTION);
        if (!v.hasError("address")) {
            v.check(Rows.count(Host.class, "address = ?1", in.address().trim()) == 0, "address",
                    Text.of(ComputeMessages.class, m -> m.error_address_taken(in.address().trim())));
        }
        if (!v.hasError("name") && cluster != null) {
            v.check(Rows.count(Host.class, "clusterId = ?1 and name = ?2", cluster.id, name) == 0, "name",
                    Text.of(ComputeMessages.class, m -> m.error_name_taken_in_cluster(name)));
        }
        v.throwIfAny();

        Instant now = Instant.now();
        Host h = new Host();
        h.id = Ids.newId();
        h.zoneId = cluster.zoneId;
        h.clusterId = cluster.id;
        h.name = name;
        h.description = Validation.blankToNull(in.description());
        h.address = login.address();
        h.sshPort = login.port();
        h.username = login.username();
        h.sshPasswordSealed = login.sealedPassword(secrets);
        h.sshPrivateKeySealed = login.sealedPrivateKey(secrets);
        h.driverType = cluster.hypervisorType;
        h.state = HostState.Enabled;
        h.status = HostStatus.Connecting;
        h.accountId = Accounts.ADMIN_ID;
        h.createdAt = now;
        h.updatedAt = now;
        try {
            h.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new InvalidInputException("address",
                        Text.of(ComputeMessages.class, m -> m.error_address_taken(h.address)));
            }
            throw e;
        }
        String jobId = submit(caller, h, HostAddWorkflow.TYPE);
        audit.accepted(caller, "host.add", target(h), jobId);
        return new Accepted<>(views(List.of(h)).get(0), jobId);
    }

    @Audited("host.update")
    public HostView update(Caller caller, String id, HostInput in) {
        access.requireAdmin(caller);
        Host h = find(id);
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        v.name("name", in.name()).maxLength("description", in.description(), Validation.MAX_DESCRIPTION);
        if (!v.hasError("name")) {
            Host other = Host.find("clusterId = ?1 and name = ?2", h.clusterId, in.name().trim()).firstResult();
            v.check(other == null || other.id.equals(h.id), "name",
                    Text.of(ComputeMessages.class, m -> m.error_name_taken_in_cluster(in.name().trim())));
        }
        v.throwIfAny();
        h.name = in.name().trim();
        h.description = Validation.blankToNull(in.description());
        h.updatedAt = Instant.now();
        audit.success(caller, "host.update", target(h), null);
        return get(caller, id);
    }

    /** Enabled hosts take new VMs; Disabled ones keep running theirs. Also brings a host out of Maintenance. */
    @Audited("host.state")
    public HostView setEnabled(Caller caller, String id, boolean enabled) {
        access.requireAdmin(caller);
        Host h = find(id);
        if (h.state == HostState.PreMaintenance) {
            throw new ConflictException(Text.of(ComputeMessages.class, m -> m.error_host_busy(h.name, h.state)));
        }
        h.state = enabled ? HostState.Enabled : HostState.Disabled;
        h.updatedAt = Instant.now();
        audit.success(caller, enabled ? "host.enable" : "host.disable", target(h), null);
        return get(caller, id);
    }

    /**
     * Starts a {@code host.maintenance} job: the host stops taking VMs; running VMs on shared storage move live to
     * other hosts of the cluster (issue 12). While VMs that cannot move run on it (disks on Local storage), refused
     * with 409 naming them, unless {@code stopVms}: the job then stops them (a stop job per VM, as their owners would)
     * and they stay on the host, their disks being local.
     */
    @Audited("host.maintenance")
    public Accepted<HostView> maintenance(Caller caller, String id, boolean stopVms) {
        access.requireAdmin(caller);
        Host h = find(id);
        if (h.status == HostStatus.Deleting || h.state == HostState.PreMaintenance
                || h.state == HostState.Maintenance) {
            throw new ConflictException(Text.of(ComputeMessages.class, m -> m.error_host_busy(h.name, h.state)));
        }
        List<String> guests = HostMaintenanceWorkflow.unmovableOf(this.guests, h.id);
        if (!guests.isEmpty() && !stopVms) {
            throw new HostHasVmsException(h.name, guests);
        }
        h.state = HostState.PreMaintenance;
        h.updatedAt = Instant.now();
        String jobId = jobs.submit(caller, new JobRequest(HostMaintenanceWorkflow.TYPE, TYPE, h.id, h.name,
                h.accountId, Map.of(HostMaintenanceWorkflow.STOP_VMS, Boolean.toString(stopVms))));
        audit.accepted(caller, "host.maintenance", target(h), jobId);
        return new Accepted<>(get(caller, id), jobId);
    }

    /** What maintenance would do with the host's guests: names that move live, names that cannot move. */
    public record MaintenancePreview(List<String> moving, List<String> staying) {

        public String movingNames() {
            return String.join(", ", moving);
        }

        public String stayingNames() {
            return String.join(", ", staying);
        }
    }

    /** The maintenance preview of the host page (admins). */
    public MaintenancePreview maintenancePreview(Caller caller, String id) {
        access.requireAdmin(caller);
        Host h = find(id);
        List<String> staying = HostMaintenanceWorkflow.unmovableOf(guests, h.id);
        List<String> moving = HostMaintenanceWorkflow.guestsOf(guests, h.id).stream()
                .filter(n -> !staying.contains(n)).toList();
        return new MaintenancePreview(moving, staying);
    }

    /** Starts a {@code host.reconnect} job: connect again, re-read capacity. */
    @Audited("host.reconnect")
    public Accepted<HostView> reconnect(Caller caller, String id) {
        access.requireAdmin(caller);
        Host h = find(id);
        if (h.status == HostStatus.Deleting || h.status == HostStatus.Connecting) {
            throw new ConflictException(Text.of(ComputeMessages.class, m -> m.error_host_busy(h.name, h.status)));
        }
        h.status = HostStatus.Connecting;
        h.updatedAt = Instant.now();
        String jobId = submit(caller, h, HostReconnectWorkflow.TYPE);
        audit.accepted(caller, "host.reconnect", target(h), jobId);
        return new Accepted<>(get(caller, id), jobId);
    }

    /**
     * Accepts the SSH host key the host presented instead of the pinned one (after an admin checked why it changed) and
     * starts a {@code host.reconnect} job with it.
     */
    @Audited("host.accept-key")
    public Accepted<HostView> acceptHostKey(Caller caller, String id, String fingerprint) {
        access.requireAdmin(caller);
        Host h = find(id);
        if (h.presentedHostKey == null) {
            throw new ConflictException(Text.msg(m -> m.error_no_presented_key(h.name)));
        }
        Validation.start().check(h.presentedHostKey.equals(fingerprint), "fingerprint",
                Text.msg(m -> m.error_key_mismatch(h.presentedHostKey))).throwIfAny();
        if (h.status == HostStatus.Deleting || h.status == HostStatus.Connecting) {
            throw new ConflictException(Text.of(ComputeMessages.class, m -> m.error_host_busy(h.name, h.status)));
        }
        String old = h.hostKeyFingerprint;
        h.hostKeyFingerprint = h.presentedHostKey;
        h.presentedHostKey = null;
        h.status = HostStatus.Connecting;
        h.updatedAt = Instant.now();
        audit.success(caller, "host.accept-key", target(h), "was " + old + ", now " + h.hostKeyFingerprint);
        String jobId = submit(caller, h, HostReconnectWorkflow.TYPE);
        audit.accepted(caller, "host.reconnect", target(h), jobId);
        return new Accepted<>(get(caller, id), jobId);
    }

    /** Starts a {@code host.delete} job: release the host in its driver, then remove it from Nubis. */
    @Audited("host.delete")
    public Accepted<HostView> delete(Caller caller, String id) {
        access.requireAdmin(caller);
        Host h = find(id);
        if (h.status == HostStatus.Deleting) {
            throw new ConflictException(Text.of(ComputeMessages.class, m -> m.error_host_busy(h.name, h.status)));
        }
        h.status = HostStatus.Deleting;
        h.updatedAt = Instant.now();
        String jobId = submit(caller, h, HostDeleteWorkflow.TYPE);
        audit.accepted(caller, "host.delete", target(h), jobId);
        return new Accepted<>(get(caller, id), jobId);
    }

    /** Used by the pinger: start a reconnect job for a host that answers again, unless one is queued. */
    String submitReconnect(Caller caller, Host h) {
        h.status = HostStatus.Connecting;
        h.updatedAt = Instant.now();
        String jobId = submit(caller, h, HostReconnectWorkflow.TYPE);
        audit.accepted(caller, "host.reconnect", target(h), jobId);
        return jobId;
    }

    private String submit(Caller caller, Host h, String type) {
        return jobs.submit(caller, new JobRequest(type, TYPE, h.id, h.name, h.accountId, Map.of()));
    }

    Host find(String id) {
        Host h = id == null ? null : Host.findById(id);
        if (h == null) {
            throw new NotFoundException(TYPE, id);
        }
        return h;
    }

    private static String credentialKind(Host h) {
        return h.sshPrivateKeySealed != null ? "privateKey" : h.sshPasswordSealed != null ? "password" : "none";
    }

    static AuditTarget target(Host h) {
        return AuditTarget.of(TYPE, h.id, h.name, h.accountId);
    }

    static List<HostView> views(List<Host> hosts) {
        if (hosts.isEmpty()) {
            return List.of();
        }
        Set<String> clusterIds = hosts.stream().map(h -> h.clusterId).collect(Collectors.toSet());
        Map<String, Cluster> clusters = Rows.byId(Cluster.class, clusterIds);
        Set<String> zoneIds = hosts.stream().map(h -> h.zoneId).collect(Collectors.toSet());
        Map<String, String> zones = Rows.valueById(Zone.class, zoneIds, z -> z.name);
        return hosts.stream().map(h -> {
            Cluster c = clusters.get(h.clusterId);
            return new HostView(h.id, h.zoneId, zones.get(h.zoneId), h.clusterId, c == null ? null : c.name, h.name,
                    h.description, h.address, h.sshPort, h.username, h.driverType, h.state, h.status, h.statusReason,
                    h.cpuTotal, h.cpuAvailable, h.memoryTotal, h.memoryAvailable, h.cpuModel, h.hypervisorVersion,
                    h.osVersion, h.vlanSupported, h.nfsMode, h.hostKeyFingerprint, h.presentedHostKey,
                    credentialKind(h),
                    h.lastPingAt,
                    h.connectedAt, h.createdAt, h.updatedAt);
        }).toList();
    }
}
