package io.nubis.storage;

import io.nubis.platform.Text;
import io.nubis.compute.ComputeMessages;
import io.nubis.compute.HostAccess;
import io.nubis.compute.Topology;
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
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Page;
import io.nubis.platform.PageRequest;
import io.nubis.platform.Rows;
import io.nubis.platform.UniqueViolation;
import io.nubis.platform.Validation;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Primary storage: admin-only. Creating one only records it; attaching it to a cluster is a
 * {@code primarystorage.attach} job that prepares the folders on every connected host of the cluster (hosts added later
 * are prepared lazily by {@link PrimaryStorageHosts#prepareHost}). A cluster uses at most one primary storage.
 */
@ApplicationScoped
@Transactional
public class PrimaryStorageService {

    static final String TYPE = "primarystorage";
    static final String ATTACHING = "Attaching";
    static final String ATTACHED = "Attached";
    /** A {@code primarystorage.detach} job is releasing the cluster's hosts. */
    static final String DETACHING = "Detaching";

    @Inject
    io.nubis.platform.Sql sql;

    @Inject
    AccessControl access;
    @Inject
    IscsiLuns luns;
    @Inject
    AuditLog audit;
    @Inject
    JobService jobs;
    @Inject
    EntityManager em;
    @Inject
    Topology topology;
    @Inject
    HostAccess hostAccess;
    @Inject
    io.nubis.platform.SecretBox secrets;
    @Inject
    PrimaryStorageMaintenanceWorkflow maintenanceJob;

    public Page<PrimaryStorageView> list(Caller caller, String zoneId, PageRequest pr) {
        access.requireAdmin(caller);
        Sort sort = Sort.ascending("name").and("id");
        PanacheQuery<PrimaryStorage> q = zoneId == null || zoneId.isBlank()
                ? PrimaryStorage.findAll(sort)
                : PrimaryStorage.find("zoneId", sort, zoneId.trim());
        List<PrimaryStorage> items = q.page(pr.page() - 1, pr.size()).list();
        return new Page<>(items.stream().map(this::view).toList(), pr.page(), pr.size(),
                zoneId == null || zoneId.isBlank()
                        ? PrimaryStorage.count()
                        : PrimaryStorage.count("zoneId", zoneId.trim()));
    }

    /**
     * Storage capacity per primary storage (issue 13): total = its capacity times its over-provisioning ratio, used =
     * that total less what is still available for new volumes.
     */
    public List<io.nubis.platform.CapacityRow> capacity(Caller caller) {
        access.requireAdmin(caller);
        List<io.nubis.platform.CapacityRow> rows = new ArrayList<>();
        for (PrimaryStorage ps : PrimaryStorage.<PrimaryStorage>listAll(Sort.ascending("name").and("id"))) {
            PrimaryStorageView v = view(ps);
            long total = (long) (v.totalBytes() * Math.max(1.0, v.overprovisioningRatio()));
            rows.add(new io.nubis.platform.CapacityRow("primary-storage", v.id(), v.name(), v.zoneId(), "storage",
                    Math.max(0, total - v.availableBytes()), total));
        }
        return rows;
    }

    public PrimaryStorageView get(Caller caller, String id) {
        access.requireAdmin(caller);
        return view(find(id));
    }

    /** Primary storage types an admin may choose. */
    public List<String> types() {
        return List.of(PrimaryStorage.LOCAL, PrimaryStorage.NFS, PrimaryStorage.CEPH, PrimaryStorage.ISCSI);
    }

    @Audited("primarystorage.create")
    public PrimaryStorageView create(Caller caller, PrimaryStorageInput in) {
        access.requireAdmin(caller);
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        v.id("zoneId", in.zoneId());
        Topology.ZoneRef zone = null;
        if (!v.hasError("zoneId")) {
            zone = topology.zone(in.zoneId()).orElse(null);
            v.check(zone != null, "zoneId", Text.of(ComputeMessages.class, m -> m.error_unknown_zone(in.zoneId())));
        }
        String name = Validation.blankToNull(in.name());
        v.name("name", name).maxLength("description", in.description(), Validation.MAX_DESCRIPTION);
        if (!v.hasError("name") && zone != null) {
            v.check(Rows.count(PrimaryStorage.class, "zoneId = ?1 and name = ?2", zone.id(), name) == 0, "name",
                    Text.msg(m -> m.error_name_taken_in_zone(name)));
        }
        String type = in.type() == null || in.type().isBlank() ? PrimaryStorage.LOCAL : in.type().trim();
        v.check(types().contains(type), "type", Text.of(StorageMessages.class,
                m -> m.error_unknown_storage_type(type, String.join(", ", types()))));
        String path = null;
        String server = null;
        CephAccess ceph = null;
        if (PrimaryStorage.CEPH.equals(type)) {
            ceph = CephAccess.check(v, in);
            if (ceph != null) {
                ceph.checkPoolFree(v);
                server = ceph.monitors();
                path = ceph.pool();
            }
        } else if (PrimaryStorage.ISCSI.equals(type)) {
            IscsiTarget target = IscsiTarget.check(v, in.portal(), in.iqn());
            if (target != null) {
                server = target.portal();
                path = target.iqn();
            }
        } else if (PrimaryStorage.NFS.equals(type)) {
            NfsExport export = NfsExport.parse(in.url());
            v.check(export != null, "url", Text.of(StorageMessages.class, m -> m.error_nfs_url()));
            if (export != null) {
                server = export.server();
                path = export.path();
            }
        } else {
            path = StoragePaths.normalize(in.path());
            StoragePaths.check(v, "path", path);
        }
        v.throwIfAny();
        Instant now = Instant.now();
        PrimaryStorage ps = new PrimaryStorage();
        ps.id = Ids.newId();
        ps.zoneId = zone.id();
        ps.name = name;
        ps.description = Validation.blankToNull(in.description());
        ps.type = type;
        ps.path = path;
        ps.server = server;
        if (ceph != null) {
            ps.cephUser = ceph.user();
            ps.secretSealed = secrets.seal(ceph.key());
        }
        ps.accountId = Accounts.ADMIN_ID;
        ps.createdAt = now;
        ps.updatedAt = now;
        try {
            ps.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new InvalidInputException("name", Text.msg(m -> m.error_name_taken_in_zone(name)));
            }
            throw e;
        }
        audit.success(caller, "primarystorage.create", target(ps), type + " " + ps.root());
        return view(ps);
    }

    /**
     * Changes the state and the over-provisioning ratio (admins; 400 per field). The ratio changes what every host (or
     * the shared storage) may still reserve at once: the recorded available bytes stay, the size it may promise moves.
     */
    @Audited("primarystorage.update")
    public PrimaryStorageView update(Caller caller, String id, PrimaryStorageSettings in) {
        access.requireAdmin(caller);
        PrimaryStorage ps = find(id);
        Validation v = Validation.start();
        if (PrimaryStorage.PRE_MAINTENANCE.equals(ps.state)) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_ps_going_to_maintenance(ps.name)));
        }
        String state = in == null || in.state() == null ? ps.state : in.state().trim();
        v.check(PrimaryStorage.ENABLED.equals(state) || PrimaryStorage.DISABLED.equals(state)
                || PrimaryStorage.MAINTENANCE.equals(state) && state.equals(ps.state), "state",
                Text.of(StorageMessages.class, m -> m.error_ps_state(state)));
        Double ratio = in == null ? null : in.overprovisioningRatio();
        v.check(ratio == null || (ratio >= 1 && ratio <= 10), "overprovisioningRatio",
                Text.of(StorageMessages.class, m -> m.error_ps_overprovisioning()));
        v.throwIfAny();
        ps.state = state;
        if (ratio != null) {
            ps.overprovisionPercent = (int) Math.round(ratio * 100);
        }
        ps.updatedAt = Instant.now();
        audit.success(caller, "primarystorage.update", target(ps),
                state + ", over-provisioning " + ps.overprovisionPercent + " %");
        return view(ps);
    }

    /**
     * Puts the storage into maintenance (admins; issue 12): it becomes PreMaintenance at once (no new volumes, no VM
     * using it starts) and a {@code primarystorage.maintenance} job stops the VMs using it when {@code stopVms}, then
     * makes it Maintenance. Without {@code stopVms}, 409 naming the VMs that use it while any runs.
     */
    @Audited("primarystorage.maintenance")
    public Accepted<PrimaryStorageView> maintenance(Caller caller, String id, boolean stopVms) {
        access.requireAdmin(caller);
        PrimaryStorage ps = find(id);
        StorageLocks.lockRow(em, "primary_storage", ps.id);
        em.refresh(ps);
        if (PrimaryStorage.MAINTENANCE.equals(ps.state) || PrimaryStorage.PRE_MAINTENANCE.equals(ps.state)) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_ps_going_to_maintenance(ps.name)));
        }
        if (!stopVms) {
            List<String> running = maintenanceJob.activeGuests(ps.id);
            if (!running.isEmpty()) {
                throw new ConflictException(Text.of(StorageMessages.class,
                        m -> m.error_ps_has_vms(ps.name, String.join(", ", running))));
            }
        }
        String previous = ps.state;
        ps.state = PrimaryStorage.PRE_MAINTENANCE;
        ps.updatedAt = Instant.now();
        String jobId = jobs.submit(caller, new io.nubis.job.JobRequest(PrimaryStorageMaintenanceWorkflow.TYPE, TYPE,
                ps.id, ps.name, ps.accountId, Map.of(PrimaryStorageMaintenanceWorkflow.STOP_VMS,
                        Boolean.toString(stopVms), PrimaryStorageMaintenanceWorkflow.PREVIOUS_STATE, previous)));
        audit.accepted(caller, "primarystorage.maintenance", target(ps), jobId);
        return new Accepted<>(view(ps), jobId);
    }

    /** Starts a {@code primarystorage.cache-cleanup} job: cached images nothing uses leave the storage (admins). */
    @Audited("primarystorage.cache-cleanup")
    public Accepted<PrimaryStorageView> cleanCache(Caller caller, String id) {
        access.requireAdmin(caller);
        PrimaryStorage ps = find(id);
        String jobId = jobs.submit(caller, new io.nubis.job.JobRequest(ImageCacheCleanupWorkflow.TYPE, TYPE, ps.id,
                ps.name, ps.accountId, Map.of()));
        audit.accepted(caller, "primarystorage.cache-cleanup", target(ps), jobId);
        return new Accepted<>(view(ps), jobId);
    }

    /**
     * Starts a {@code primarystorage.refresh} job (admins): hosts report the storage's capacity again (an iSCSI target
     * its LUNs).
     */
    @Audited("primarystorage.refresh")
    public Accepted<PrimaryStorageView> refresh(Caller caller, String id) {
        access.requireAdmin(caller);
        PrimaryStorage ps = find(id);
        String jobId = jobs.submit(caller, new io.nubis.job.JobRequest(PrimaryStorageRefreshWorkflow.TYPE, TYPE, ps.id,
                ps.name, ps.accountId, Map.of()));
        audit.accepted(caller, "primarystorage.refresh", target(ps), jobId);
        return new Accepted<>(view(ps), jobId);
    }

    /** Records the attachment as Attaching and starts a {@code primarystorage.attach} job for the cluster's hosts. */
    @Audited("primarystorage.attach")
    public Accepted<PrimaryStorageView> attach(Caller caller, String id, String clusterId) {
        access.requireAdmin(caller);
        PrimaryStorage ps = find(id);
        Validation v = Validation.start().id("clusterId", clusterId);
        Topology.ClusterRef cluster = v.hasError("clusterId") ? null : topology.cluster(clusterId).orElse(null);
        if (!v.hasError("clusterId")) {
            v.check(cluster != null, "clusterId",
                    Text.of(ComputeMessages.class, m -> m.error_unknown_cluster(clusterId)));
        }
        if (cluster != null) {
            v.check(cluster.zoneId().equals(ps.zoneId), "clusterId",
                    Text.of(StorageMessages.class, m -> m.error_ps_cluster_other_zone(cluster.name())));
            v.check(count("SELECT COUNT(*) FROM primary_storage_cluster WHERE cluster_id = ?1", cluster.id()) == 0,
                    "clusterId", Text.of(StorageMessages.class, m -> m.error_cluster_has_storage(cluster.name())));
        }
        v.throwIfAny();
        try {
            em.createNativeQuery("INSERT INTO primary_storage_cluster (primary_storage_id, cluster_id, status,"
                    + " created_at) VALUES (?1, ?2, ?3, ?4)").setParameter(1, ps.id).setParameter(2, cluster.id())
                    .setParameter(3, ATTACHING).setParameter(4, Instant.now()).executeUpdate();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new InvalidInputException("clusterId",
                        Text.of(StorageMessages.class, m -> m.error_cluster_has_storage(cluster.name())));
            }
            throw e;
        }
        String jobId = jobs.submit(caller, new JobRequest(PrimaryStorageAttachWorkflow.TYPE, TYPE, ps.id, ps.name,
                ps.accountId, Map.of("clusterId", cluster.id())));
        audit.accepted(caller, "primarystorage.attach", target(ps), jobId);
        return new Accepted<>(view(ps), jobId);
    }

    /**
     * Detaches a cluster that has no volume on this storage (issue 12): the attachment is Detaching at once (no new
     * volume goes there) and a {@code primarystorage.detach} job makes the cluster's hosts give the storage up (cached
     * images, empty folders, a Ceph key); then the attachment and the hosts' capacity rows go.
     */
    @Audited("primarystorage.detach")
    public Accepted<PrimaryStorageView> detach(Caller caller, String id, String clusterId) {
        access.requireAdmin(caller);
        PrimaryStorage ps = find(id);
        @SuppressWarnings("unchecked")
        List<String> status = em.createNativeQuery("SELECT status FROM primary_storage_cluster"
                + " WHERE primary_storage_id = ?1 AND cluster_id = ?2 FOR UPDATE").setParameter(1, ps.id)
                .setParameter(2, clusterId).getResultList();
        if (status.isEmpty()) {
            throw new NotFoundException("cluster", clusterId);
        }
        if (!ATTACHED.equals(status.get(0))) {
            throw new ConflictException(
                    Text.of(StorageMessages.class, m -> m.error_storage_busy(ps.name, status.get(0))));
        }
        List<String> hosts = hostAccess.hostIdsOf(clusterId);
        long volumes = hosts.isEmpty()
                ? 0
                : Rows.count(Volume.class, "primaryStorageId = ?1 and hostId in ?2", ps.id, hosts);
        if (volumes > 0) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_storage_in_use(ps.name, volumes)));
        }
        em.createNativeQuery("UPDATE primary_storage_cluster SET status = ?1 WHERE primary_storage_id = ?2"
                + " AND cluster_id = ?3").setParameter(1, DETACHING).setParameter(2, ps.id).setParameter(3, clusterId)
                .executeUpdate();
        ps.updatedAt = Instant.now();
        String jobId = jobs.submit(caller, new io.nubis.job.JobRequest(PrimaryStorageDetachWorkflow.TYPE, TYPE, ps.id,
                ps.name, ps.accountId, Map.of(PrimaryStorageDetachWorkflow.CLUSTER, clusterId)));
        audit.accepted(caller, "primarystorage.detach", target(ps), jobId);
        return new Accepted<>(view(ps), jobId);
    }

    /** Forgets a primary storage attached to no cluster. */
    @Audited("primarystorage.delete")
    public void delete(Caller caller, String id) {
        access.requireAdmin(caller);
        PrimaryStorage ps = find(id);
        long clusters = count("SELECT COUNT(*) FROM primary_storage_cluster WHERE primary_storage_id = ?1", ps.id);
        if (clusters > 0) {
            throw new ConflictException(
                    Text.of(StorageMessages.class, m -> m.error_storage_attached(ps.name, clusters)));
        }
        long volumes = Rows.count(Volume.class, "primaryStorageId = ?1", ps.id);
        if (volumes > 0) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_storage_in_use(ps.name, volumes)));
        }
        em.createNativeQuery("DELETE FROM image_cache WHERE primary_storage_id = ?1").setParameter(1, ps.id)
                .executeUpdate();
        ps.delete();
        audit.success(caller, "primarystorage.delete", target(ps), null);
    }

    /**
     * The id of the primary storage attached to a host's cluster (the VM knows its cluster), one statement; for the VM
     * workflow (an id, not a view: a view lists the storage's clusters, hosts and volumes).
     *
     * @throws NoPrimaryStorageException when there is none
     */
    /**
     * The primary storage a new volume of the cluster goes to: an attached one that is Enabled.
     *
     * @throws NoPrimaryStorageException when none is attached; ConflictException when every one is Disabled
     */
    @Transactional
    public String idForNewVolume(String cluster, String hostId) {
        List<String> ids = sql.flushedColumn("SELECT c.primary_storage_id FROM primary_storage_cluster c"
                + " JOIN primary_storage p ON p.id = c.primary_storage_id WHERE c.cluster_id = ? AND c.status = ?"
                + " AND p.state = ?", cluster, ATTACHED, PrimaryStorage.ENABLED);
        if (ids.isEmpty()) {
            idForCluster(cluster, hostId); // none attached: that error
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_ps_disabled(cluster)));
        }
        return ids.get(0);
    }

    /** Whether the storage is attached (done) to the host's cluster. */
    public boolean servesHost(String psId, String hostId) {
        String cluster = hostAccess.clusterOf(hostId).orElse(null);
        return cluster != null && count("SELECT COUNT(*) FROM primary_storage_cluster WHERE primary_storage_id = ?1"
                + " AND cluster_id = ?2 AND status = ?3", psId, cluster, ATTACHED) > 0;
    }

    public String idForCluster(String cluster, String hostId) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("SELECT primary_storage_id FROM primary_storage_cluster"
                + " WHERE cluster_id = ?1 AND status = ?2").setParameter(1, cluster).setParameter(2, ATTACHED)
                .getResultList();
        if (ids.isEmpty()) {
            throw new NoPrimaryStorageException(hostId);
        }
        return ids.get(0);
    }

    static PrimaryStorage find(String id) {
        PrimaryStorage ps = id == null ? null : PrimaryStorage.findById(id);
        if (ps == null) {
            throw new NotFoundException(TYPE, id);
        }
        return ps;
    }

    static AuditTarget target(PrimaryStorage ps) {
        return AuditTarget.of(TYPE, ps.id, ps.name, ps.accountId);
    }

    private long count(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    PrimaryStorageView view(PrimaryStorage ps) {
        String zoneName = topology.zoneNames(List.of(ps.zoneId)).get(ps.zoneId);
        List<Object[]> clusterRows = em.createNativeQuery("SELECT cluster_id, status FROM primary_storage_cluster"
                + " WHERE primary_storage_id = ?1").setParameter(1, ps.id).getResultList();
        Map<String, String> clusterNames = topology.clusterNames(clusterRows.stream().map(r -> (String) r[0]).toList());
        List<PrimaryStorageView.AttachedCluster> clusters = clusterRows.stream()
                .map(r -> new PrimaryStorageView.AttachedCluster((String) r[0], clusterNames.get((String) r[0]),
                        (String) r[1]))
                .sorted(java.util.Comparator.comparing(c -> c.clusterName() == null ? "" : c.clusterName()))
                .toList();
        List<Object[]> hostRows = em.createNativeQuery("SELECT host_id, total_bytes, available_bytes, prepared_at"
                + " FROM local_storage_host WHERE primary_storage_id = ?1").setParameter(1, ps.id).getResultList();
        Map<String, String> hostNames = hostAccess.names(hostRows.stream().map(r -> (String) r[0]).toList());
        List<PrimaryStorageView.HostCapacity> hosts = new ArrayList<>();
        long total = 0;
        long available = 0;
        for (Object[] r : hostRows) {
            long t = ((Number) r[1]).longValue();
            long a = ((Number) r[2]).longValue() + LocalStorageCapacity.extra(t, ps.overprovisionPercent);
            total += t;
            available += a;
            hosts.add(new PrimaryStorageView.HostCapacity((String) r[0], hostNames.get((String) r[0]), t, a,
                    instant(r[3])));
        }
        hosts.sort(java.util.Comparator.comparing(h -> h.hostName() == null ? "" : h.hostName()));
        if (ps.shared()) { // one capacity for every host; LUNs are not over-provisioned
            total = ps.totalBytes == null ? 0 : ps.totalBytes;
            available = ps.availableBytes == null
                    ? 0
                    : ps.availableBytes + (PrimaryStorage.ISCSI.equals(ps.type)
                            ? 0
                            : LocalStorageCapacity.extra(total, ps.overprovisionPercent));
        }
        return new PrimaryStorageView(ps.id, ps.zoneId, zoneName, ps.name, ps.description,
                ps.type, ps.path, ps.server, ps.cephUser, ps.state, ps.overprovisionPercent / 100.0, total, available,
                clusters,
                hosts,
                Rows.count(Volume.class, "primaryStorageId = ?1", ps.id),
                ps.createdAt, ps.updatedAt,
                PrimaryStorage.ISCSI.equals(ps.type) ? luns.list(ps.id) : List.of());
    }

    static Instant instant(Object value) {
        if (value instanceof Timestamp ts) {
            return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        return value instanceof Instant i ? i : null;
    }

}
