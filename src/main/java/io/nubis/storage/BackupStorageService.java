package io.nubis.storage;

import io.nubis.compute.Topology;
import io.nubis.platform.Rows;
import io.nubis.platform.Text;
import io.nubis.driver.BackupStorageDrivers;
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
import io.nubis.platform.SecretBox;
import io.nubis.platform.SshLogin;
import io.nubis.platform.UniqueViolation;
import io.nubis.platform.Validation;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Backup storage: admin-only. Adding, reconnecting and accepting a changed host key are jobs (they reach the store);
 * deleting an unused store only forgets it (its files stay).
 */
@ApplicationScoped
@Transactional
public class BackupStorageService {

    static final String TYPE = "backupstorage";
    static final String SIMULATOR = "Simulator";
    static final String CEPH = "Ceph";

    @Inject
    AccessControl access;
    @Inject
    BackupStorageZones zones;
    @Inject
    ImageCopies copies;
    @Inject
    Topology topology;
    @Inject
    AuditLog audit;
    @Inject
    JobService jobs;
    @Inject
    SecretBox secrets;
    @Inject
    BackupStorageDrivers drivers;

    public Page<BackupStorageView> list(Caller caller, String q, PageRequest pr) {
        access.requireAdmin(caller);
        Sort sort = Sort.ascending("name").and("id");
        PanacheQuery<BackupStorage> query = q == null || q.isBlank()
                ? BackupStorage.findAll(sort)
                : BackupStorage.find("name like ?1 or address like ?1", sort, "%" + q.trim() + "%");
        List<BackupStorage> items = query.page(pr.page() - 1, pr.size()).list();
        return new Page<>(items.stream().map(this::view).toList(), pr.page(), pr.size(),
                q == null || q.isBlank()
                        ? BackupStorage.count()
                        : BackupStorage.count("name like ?1 or address like ?1", "%" + q.trim() + "%"));
    }

    /** All backup storage, by name (for select boxes). */
    public List<BackupStorageView> all(Caller caller) {
        return list(caller, null, new PageRequest(1, PageRequest.MAX_SIZE)).items();
    }

    public BackupStorageView get(Caller caller, String id) {
        access.requireAdmin(caller);
        return view(find(id));
    }

    /** The backup storage types an admin may choose: one per installed driver. */
    public Set<String> types() {
        return drivers.types();
    }

    /** Writes the store as Connecting and starts a {@code backupstorage.add} job that connects it. */
    @Audited("backupstorage.add")
    public Accepted<BackupStorageView> add(Caller caller, BackupStorageInput in) {
        access.requireAdmin(caller);
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        String name = Validation.blankToNull(in.name());
        v.name("name", name).maxLength("description", in.description(), Validation.MAX_DESCRIPTION);
        if (!v.hasError("name")) {
            v.check(Rows.count(BackupStorage.class, "name = ?1", name) == 0, "name",
                    Text.msg(m -> m.error_name_taken(name)));
        }
        v.required("type", in.type());
        if (!v.hasError("type")) {
            v.check(drivers.find(in.type()).isPresent(), "type",
                    Text.of(StorageMessages.class, m -> m.error_unknown_storage_type(in.type(),
                            String.join(", ", drivers.types()))));
        }
        boolean needsLogin = in.type() != null && !SIMULATOR.equals(in.type());
        SshLogin login = SshLogin.validate(v, in.address(), in.port(), "port", in.username(), in.password(),
                in.privateKey(), needsLogin,
                Text.of(StorageMessages.class, m -> m.error_storage_credentials_required()));
        int port = login.port();
        boolean ceph = CEPH.equals(in.type());
        CephAccess cephAccess = ceph
                ? CephAccess.check(v, in.monitors(), in.pool(), in.cephUser(), in.cephKey())
                : null;
        String root = ceph ? (cephAccess == null ? null : cephAccess.root()) : StoragePaths.normalize(in.rootPath());
        if (cephAccess != null) {
            cephAccess.checkPoolFree(v);
        }
        if (ceph) {
            v.check(root == null || root.length() <= StoragePaths.MAX_PATH, "monitors",
                    Text.of(StorageMessages.class, m -> m.error_ceph_monitors()));
        } else {
            StoragePaths.check(v, "rootPath", root);
        }
        if (root != null && !v.hasError("rootPath") && !v.hasError("address")) {
            v.check(Rows.count(BackupStorage.class, "address = ?1 and port = ?2 and rootPath = ?3", in.address().trim(),
                    port,
                    root) == 0, "rootPath",
                    Text.of(StorageMessages.class, m -> m.error_storage_location_taken(in.address().trim(), root)));
        }
        List<String> folders = ImportFolders.validate(v, "importFolders", in.importFolders(),
                v.hasError("rootPath") || ceph ? null : root);
        v.throwIfAny();

        Instant now = Instant.now();
        BackupStorage bs = new BackupStorage();
        bs.importFolders = ImportFolders.format(folders);
        bs.id = Ids.newId();
        bs.name = name;
        bs.description = Validation.blankToNull(in.description());
        bs.type = in.type();
        bs.address = login.address();
        bs.port = port;
        bs.username = login.username();
        bs.passwordSealed = login.sealedPassword(secrets);
        bs.privateKeySealed = login.sealedPrivateKey(secrets);
        bs.rootPath = root;
        bs.cephSecretSealed = cephAccess == null ? null : secrets.seal(cephAccess.key());
        bs.status = BackupStorageStatus.Connecting;
        bs.accountId = Accounts.ADMIN_ID;
        bs.createdAt = now;
        bs.updatedAt = now;
        try {
            bs.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new InvalidInputException("name", Text.msg(m -> m.error_name_taken(name)));
            }
            throw e;
        }
        String jobId = submit(caller, bs, BackupStorageAddWorkflow.TYPE);
        audit.accepted(caller, "backupstorage.add", target(bs), jobId);
        return new Accepted<>(view(bs), jobId);
    }

    /**
     * Replaces the folders admins may import images from by path (empty: none). Takes effect for imports that start
     * after it, including ones already queued.
     */
    @Audited("backupstorage.import-folders")
    public BackupStorageView setImportFolders(Caller caller, String id, List<String> folders) {
        access.requireAdmin(caller);
        BackupStorage bs = find(id);
        Validation v = Validation.start();
        List<String> valid = ImportFolders.validate(v, "importFolders", folders == null ? List.of() : folders,
                bs.rootPath);
        v.throwIfAny();
        bs.importFolders = ImportFolders.format(valid);
        bs.updatedAt = Instant.now();
        audit.success(caller, "backupstorage.import-folders", target(bs), valid.isEmpty()
                ? "none"
                : String.join(", ", valid));
        return view(bs);
    }

    /**
     * Attaches the store to a zone (admins; issue 12): from then on it serves only the zones it is attached to (400 on
     * {@code zoneId} for an unknown zone). Idempotent. A database change: no host is asked.
     */
    @Audited("backupstorage.attach-zone")
    public BackupStorageView attachZone(Caller caller, String id, String zoneId) {
        return changeZone(caller, id, zoneId, true);
    }

    /**
     * Detaches the store from a zone (admins): VMs already made keep their disks (they are cached on primary storage);
     * new ones in that zone cannot use its images, unless it is attached to no zone any more (then it serves all).
     */
    @Audited("backupstorage.detach-zone")
    public BackupStorageView detachZone(Caller caller, String id, String zoneId) {
        return changeZone(caller, id, zoneId, false);
    }

    /** Attaches or detaches; audited only when something changed. */
    private BackupStorageView changeZone(Caller caller, String id, String zoneId, boolean attach) {
        access.requireAdmin(caller);
        BackupStorage bs = find(id);
        Topology.ZoneRef zone = zone(zoneId);
        if (attach ? zones.attach(bs.id, zone.id()) : zones.detach(bs.id, zone.id())) {
            audit.success(caller, attach ? "backupstorage.attach-zone" : "backupstorage.detach-zone", target(bs),
                    zone.name());
        }
        return view(bs);
    }

    private Topology.ZoneRef zone(String zoneId) {
        Validation v = Validation.start().id("zoneId", zoneId);
        v.throwIfAny();
        return topology.zone(zoneId).orElseThrow(() -> new InvalidInputException("zoneId",
                Text.of(io.nubis.compute.ComputeMessages.class, m -> m.error_unknown_zone(zoneId))));
    }

    /** Starts a {@code backupstorage.reconnect} job: connect again and re-read capacity. */
    @Audited("backupstorage.reconnect")
    public Accepted<BackupStorageView> reconnect(Caller caller, String id) {
        access.requireAdmin(caller);
        BackupStorage bs = find(id);
        if (bs.status == BackupStorageStatus.Connecting) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_storage_busy(bs.name, bs.status)));
        }
        bs.status = BackupStorageStatus.Connecting;
        bs.updatedAt = Instant.now();
        String jobId = submit(caller, bs, BackupStorageReconnectWorkflow.TYPE);
        audit.accepted(caller, "backupstorage.reconnect", target(bs), jobId);
        return new Accepted<>(view(bs), jobId);
    }

    /** Accepts the changed SSH host key the store presented (after an admin checked it) and reconnects. */
    @Audited("backupstorage.accept-key")
    public Accepted<BackupStorageView> acceptHostKey(Caller caller, String id, String fingerprint) {
        access.requireAdmin(caller);
        BackupStorage bs = find(id);
        if (bs.presentedHostKey == null) {
            throw new ConflictException(Text.msg(m -> m.error_no_presented_key(bs.name)));
        }
        Validation.start().check(bs.presentedHostKey.equals(fingerprint), "fingerprint",
                Text.msg(m -> m.error_key_mismatch(bs.presentedHostKey))).throwIfAny();
        if (bs.status == BackupStorageStatus.Connecting) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_storage_busy(bs.name, bs.status)));
        }
        String old = bs.hostKeyFingerprint;
        bs.hostKeyFingerprint = bs.presentedHostKey;
        bs.presentedHostKey = null;
        bs.status = BackupStorageStatus.Connecting;
        bs.updatedAt = Instant.now();
        audit.success(caller, "backupstorage.accept-key", target(bs), "was " + old + ", now " + bs.hostKeyFingerprint);
        String jobId = submit(caller, bs, BackupStorageReconnectWorkflow.TYPE);
        audit.accepted(caller, "backupstorage.reconnect", target(bs), jobId);
        return new Accepted<>(view(bs), jobId);
    }

    /** Forgets a backup storage that holds no image; its files are left alone. */
    @Audited("backupstorage.delete")
    public void delete(Caller caller, String id) {
        access.requireAdmin(caller);
        BackupStorage bs = find(id);
        if (bs.status == BackupStorageStatus.Connecting) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_storage_busy(bs.name, bs.status)));
        }
        long images = Rows.count(Image.class, "backupStorageId = ?1", id) + copies.countOn(id);
        if (images > 0) {
            throw new ConflictException(
                    Text.of(StorageMessages.class, m -> m.error_storage_has_images(bs.name, images)));
        }
        bs.delete();
        audit.success(caller, "backupstorage.delete", target(bs), null);
    }

    private String submit(Caller caller, BackupStorage bs, String type) {
        return jobs.submit(caller, new JobRequest(type, TYPE, bs.id, bs.name, bs.accountId, Map.of()));
    }

    static BackupStorage find(String id) {
        BackupStorage bs = id == null ? null : BackupStorage.findById(id);
        if (bs == null) {
            throw new NotFoundException(TYPE, id);
        }
        return bs;
    }

    static AuditTarget target(BackupStorage bs) {
        return AuditTarget.of(TYPE, bs.id, bs.name, bs.accountId);
    }

    BackupStorageView view(BackupStorage bs) {
        String kind = bs.privateKeySealed != null ? "privateKey" : bs.passwordSealed != null ? "password" : "none";
        return new BackupStorageView(bs.id, bs.name, bs.description, bs.type, bs.address, bs.port, bs.username,
                bs.rootPath, ImportFolders.parse(bs.importFolders), bs.status, bs.statusReason, bs.totalBytes,
                bs.availableBytes, bs.hostKeyFingerprint,
                bs.presentedHostKey, kind, Rows.count(Image.class, "backupStorageId = ?1", bs.id), bs.connectedAt,
                bs.createdAt,
                bs.updatedAt, zoneViews(bs.id));
    }

    private List<BackupStorageView.Zone> zoneViews(String bsId) {
        List<String> ids = zones.zonesOf(bsId);
        if (ids.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, String> names = topology.zoneNames(ids);
        return ids.stream().map(z -> new BackupStorageView.Zone(z, names.get(z))).toList();
    }
}
