package io.nubis.storage;

import io.nubis.iam.AccessControl;
import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Audited;
import io.nubis.iam.Caller;
import io.nubis.iam.QuotaKind;
import io.nubis.iam.QuotaService;
import io.nubis.job.Accepted;
import io.nubis.job.JobRequest;
import io.nubis.job.JobService;
import io.nubis.platform.ConflictException;
import io.nubis.platform.ForbiddenException;
import io.nubis.platform.Ids;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.ListOrder;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Page;
import io.nubis.platform.PageRequest;
import io.nubis.platform.Rows;
import io.nubis.platform.Sql;
import io.nubis.platform.Text;
import io.nubis.platform.UniqueViolation;
import io.nubis.platform.Validation;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Images. Admins register shared images (visible to every account); tenants may register private ones. Registering from
 * a URL or path is an {@code image.import} job; uploads stream through {@link ImageUploadService}. Deleting is an
 * {@code image.delete} job, refused while anything uses the image ({@link ImageUsage}).
 */
@ApplicationScoped
@Transactional
public class ImageService {

    /** The orders the image list may be shown in. */
    public static final ListOrder ORDER = new ListOrder(Map.of("name", "name", "status", "status", "size",
            "sizeBytes", "created", "createdAt"), "name", false);

    static final String TYPE = "image";
    private static final Logger LOG = Logger.getLogger(ImageService.class);
    public static final Set<String> FORMATS = Set.of("raw", "qcow2", "iso");
    static final Pattern HTTP_URL = Pattern
            .compile("^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/%+=&?:@-]*)?$");
    static final int MAX_URL = 1024;

    @Inject
    BackupStorageZones zones;
    @Inject
    ImageCopies imageCopies;
    @Inject
    QuotaService quotas;
    @Inject
    AccessControl access;
    @Inject
    AuditLog audit;
    @Inject
    JobService jobs;
    @Inject
    StorageConfig config;
    @Inject
    ImportEgressPolicy egress;
    @Inject
    @Any
    Instance<ImageUsage> usages;
    @Inject
    io.nubis.iam.Sharing sharing;
    @Inject
    Sql sql;

    /** Admins see every image; others their own and the shared ones. */
    public Page<ImageView> list(Caller caller, String q, ImageStatus status, PageRequest pr) {
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        access.listScope(caller).ifPresent(acc -> {
            java.util.Set<String> chosen = sharing.idsSharedWith(TYPE, acc);
            where.add(chosen.isEmpty()
                    ? "(accountId = :acc or shared = true)"
                    : "(accountId = :acc or shared = true or id in :chosen)");
            p.and("acc", acc);
            if (!chosen.isEmpty()) {
                p.and("chosen", chosen);
            }
        });
        if (q != null && !q.isBlank()) {
            where.add("name like :q");
            p.and("q", "%" + q.trim() + "%");
        }
        if (status != null) {
            where.add("status = :status");
            p.and("status", status);
        }
        Sort sort = ORDER.sort(pr);
        PanacheQuery<Image> query = where.isEmpty()
                ? Image.findAll(sort)
                : Image.find(String.join(" and ", where), sort, p);
        List<Image> items = query.page(pr.page() - 1, pr.size()).list();
        return new Page<>(views(caller, items), pr.page(), pr.size(),
                where.isEmpty() ? Image.count() : Image.count(String.join(" and ", where), p));
    }

    public ImageView get(Caller caller, String id) {
        return views(caller, List.of(visible(caller, id))).get(0);
    }

    /**
     * Whether VMs of the zone can be made from the image (issue 12): its backup storage serves the zone (attached to
     * it, or to no zone). False for an unknown image.
     */
    public boolean usableIn(String imageId, String zoneId) {
        Image img = imageId == null ? null : Image.findById(imageId);
        return img != null && usableIn(img.id, img.backupStorageId, zoneId);
    }

    private boolean usableIn(String imageId, String backupStorageId, String zoneId) {
        return zones.serves(backupStorageId, zoneId) || imageCopies.of(imageId).stream()
                .anyMatch(c -> ImageCopies.READY.equals(c.status()) && zones.serves(c.backupStorageId(), zoneId));
    }

    /** Writes the image as Downloading and starts an {@code image.import} job. */
    @Audited("image.import")
    public Accepted<ImageView> register(Caller caller, ImageInput in) {
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        String url = in.url() == null ? null : in.url().trim();
        v.required("url", url);
        Map<String, String> params = new HashMap<>();
        if (!v.hasError("url")) {
            params.putAll(checkSource(caller, v, url, in.backupStorageId()));
        }
        Image img = newImage(caller, in, v, url, null);
        params.put("url", url);
        params.put("format", img.format);
        String jobId = jobs.submit(caller, new JobRequest(ImageImportWorkflow.TYPE, TYPE, img.id, img.name,
                img.accountId, params));
        audit.accepted(caller, "image.import", target(img), jobId);
        return new Accepted<>(views(caller, List.of(img)).get(0), jobId);
    }

    /** First half of an upload: validates and writes the image as Downloading (see {@link ImageUploadService}). */
    @Audited("image.upload")
    public ImageView beginUpload(Caller caller, ImageInput in) {
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        Image img = newImage(caller, in, v, null, null);
        return views(caller, List.of(img)).get(0);
    }

    /**
     * A new image for an export of a volume or snapshot (issue 8), in the caller's transaction: qcow2, Downloading, on
     * the chosen backup storage or the connected one with the most space, with {@code source} (e.g.
     * {@code snapshot:<id>}) as its origin; 400 per field as for an upload. The store must serve {@code zoneId}, the
     * zone of the volume: an image on a store of other zones could not boot a VM beside the volume it came from.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Image beginExport(Caller caller, ImageInput in, String source, String zoneId) {
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        return newImage(caller, new ImageInput(in.name(), in.description(), "qcow2", null, in.backupStorageId(),
                in.shared()), v, source, zoneId);
    }

    /** Records the outcome of an upload: the image is Ready, or its row is removed again. */
    public void finishUpload(Caller caller, String id, io.nubis.driver.ImageFileInfo info, String error) {
        Image img = Image.findById(id);
        if (img == null) {
            return;
        }
        if (info != null) {
            ImageLifecycle.ready(img, info);
            audit.success(caller, "image.upload", target(img), info.format() + ", " + info.sizeBytes() + " bytes");
        } else {
            img.delete();
            audit.jobOutcome(caller, "image.upload", target(img), false, error, null);
        }
    }

    /**
     * The store an image goes to when the request names none: the connected one with the most space among those that
     * serve {@code zoneId}; with no zone, one that serves every zone comes first (an image on a store bound to some
     * zones could not boot VMs of the others). Null when none is connected.
     */
    private BackupStorage defaultStore(String zoneId) {
        // each candidate's zones read once: whether it serves every zone (attached to none)
        Map<BackupStorage, Boolean> everyZone = new HashMap<>();
        for (BackupStorage b : BackupStorage.<BackupStorage>list("status", BackupStorageStatus.Connected)) {
            List<String> attached = zones.zonesOf(b.id);
            if (zoneId == null || attached.isEmpty() || attached.contains(zoneId)) {
                everyZone.put(b, attached.isEmpty());
            }
        }
        Comparator<BackupStorage> bySpace = Comparator.comparingLong(b -> b.availableBytes);
        Comparator<BackupStorage> order = zoneId != null
                ? bySpace
                : Comparator.comparing((BackupStorage b) -> everyZone.get(b)).thenComparing(bySpace);
        return everyZone.keySet().stream().max(order).orElse(null);
    }

    /** {@code zoneId}: the zone the store must serve, or null for any. */
    private Image newImage(Caller caller, ImageInput in, Validation v, String url, String zoneId) {
        String name = Validation.blankToNull(in.name());
        v.name("name", name).maxLength("description", in.description(), Validation.MAX_DESCRIPTION);
        if (!v.hasError("name")) {
            v.check(Rows.count(Image.class, "accountId = ?1 and name = ?2", caller.accountId(), name) == 0, "name",
                    Text.msg(m -> m.error_name_taken(name)));
        }
        String format = in.format() == null ? null : in.format().trim().toLowerCase(Locale.ROOT);
        v.required("format", format);
        if (!v.hasError("format")) {
            v.check(FORMATS.contains(format), "format", Text.of(StorageMessages.class, m -> m.error_image_format()));
        }
        boolean shared = Boolean.TRUE.equals(in.shared());
        v.check(!shared || caller.admin(), "shared", Text.of(StorageMessages.class, m -> m.error_shared_admin_only()));
        BackupStorage bs = null;
        String bsId = Validation.blankToNull(in.backupStorageId());
        if (bsId != null) {
            v.id("backupStorageId", bsId);
            if (!v.hasError("backupStorageId")) {
                BackupStorage found = BackupStorage.findById(bsId);
                bs = found;
                v.check(found != null, "backupStorageId",
                        Text.of(StorageMessages.class, m -> m.error_unknown_backup_storage(bsId)));
                v.check(found == null || found.status == BackupStorageStatus.Connected, "backupStorageId",
                        Text.of(StorageMessages.class,
                                m -> m.error_storage_not_connected(found == null ? "" : found.name)));
                v.check(found == null || zoneId == null || zones.serves(found.id, zoneId), "backupStorageId",
                        Text.of(StorageMessages.class,
                                m -> m.error_backup_storage_not_in_zone(found == null ? "" : found.name)));
            }
        } else {
            bs = defaultStore(zoneId);
            v.check(bs != null, "backupStorageId", zoneId == null
                    ? Text.of(StorageMessages.class, m -> m.error_no_backup_storage())
                    : Text.of(StorageMessages.class, m -> m.error_no_backup_storage_in_zone()));
        }
        v.throwIfAny();
        quotas.require(caller.accountId(), Map.of(QuotaKind.IMAGES, 1L));
        Instant now = Instant.now();
        Image img = new Image();
        img.id = Ids.newId();
        img.name = name;
        img.description = Validation.blankToNull(in.description());
        img.format = format;
        img.status = ImageStatus.Downloading;
        img.backupStorageId = bs.id;
        img.path = StoragePaths.imageOnBackupStorage(bs.rootPath, img.id, format);
        img.sourceUrl = url;
        img.shared = shared;
        img.accountId = caller.accountId();
        img.createdAt = now;
        img.updatedAt = now;
        try {
            img.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new InvalidInputException("name", Text.msg(m -> m.error_name_taken(name)));
            }
            throw e;
        }
        return img;
    }

    /** Job parameter {@code source} of a URL import (a path import has {@link #SOURCE_PATH}). */
    static final String SOURCE_URL = "url";
    static final String SOURCE_PATH = "path";

    /**
     * Checks where an image may come from, by role (issue 6): anyone may give an http(s) URL that the egress policy
     * allows (its host resolved once, here, and pinned for the download); only admins may give a path on the backup
     * storage ({@code /dir/file} or {@code file:///dir/file}), and only inside one of the store's import folders (the
     * driver checks it again on the server with links resolved). Returns the job parameters that pin the source.
     */
    private Map<String, String> checkSource(Caller caller, Validation v, String url, String backupStorageId) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            v.check(config.httpImport(), "url", Text.of(StorageMessages.class, m -> m.error_url_http_disabled()));
            v.check(url.length() <= MAX_URL && HTTP_URL.matcher(url).matches(), "url",
                    Text.of(StorageMessages.class, m -> m.error_url_format()));
            if (v.hasError("url")) {
                return Map.of();
            }
            ImportEgressPolicy.Decision d = egress.check(url);
            if (!d.allowed()) {
                LOG.infof("image import from %s refused for %s: %s", url, caller.username(), d.refusal());
                v.add("url", Text.of(StorageMessages.class, m -> m.error_url_address_refused()));
                return Map.of();
            }
            Map<String, String> out = new HashMap<>(Map.of("source", SOURCE_URL, "host", d.host(), "port",
                    Integer.toString(d.port())));
            if (d.pinnedAddress() != null) {
                out.put("pin", d.pinnedAddress());
            }
            return out;
        }
        if (!caller.admin()) {
            v.add("url", Text.of(StorageMessages.class, m -> m.error_url_tenant_http_only()));
            return Map.of();
        }
        String path = pathOf(url);
        v.check(StoragePaths.valid(path), "url", Text.of(StorageMessages.class, m -> m.error_url_format()));
        String bsId = Validation.blankToNull(backupStorageId);
        if (v.hasError("url")) {
            return Map.of();
        }
        if (bsId == null) {
            v.add("backupStorageId", Text.of(StorageMessages.class, m -> m.error_path_import_needs_store()));
            return Map.of();
        }
        BackupStorage bs = Ids.isValid(bsId) ? BackupStorage.findById(bsId) : null;
        if (bs != null) {
            List<String> folders = ImportFolders.parse(bs.importFolders);
            if (folders.isEmpty()) {
                v.add("url", Text.of(StorageMessages.class, m -> m.error_path_import_no_folder(bs.name)));
            } else {
                v.check(ImportFolders.contains(folders, path), "url",
                        Text.of(StorageMessages.class, m -> m.error_path_import_outside(bs.name,
                                String.join(", ", folders))));
            }
        }
        return Map.of("source", SOURCE_PATH);
    }

    /** The path of a path import ({@code file://} stripped). */
    static String pathOf(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("file://") ? url.substring("file://".length()) : url;
    }

    /** Starts an {@code image.delete} job; refused while the image is in use or busy. */
    @Audited("image.delete")
    public Accepted<ImageView> delete(Caller caller, String id) {
        Image img = visible(caller, id);
        if (!caller.admin() && (img.shared || !caller.canAccess(img.accountId))) {
            throw ForbiddenException.adminOnly();
        }
        StorageLocks.lockRowNowait(Image.getEntityManager(), "image", img.id,
                Text.of(StorageMessages.class, m -> m.error_image_busy(img.name, "in use by a copy")));
        Image.getEntityManager().refresh(img);
        if (img.status == ImageStatus.Downloading || img.status == ImageStatus.Deleting) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_image_busy(img.name, img.status)));
        }
        List<String> users = usages.stream().map(u -> u.usedBy(img.id)).flatMap(Optional::stream).toList();
        if (!users.isEmpty()) {
            throw new ConflictException(
                    Text.of(StorageMessages.class, m -> m.error_image_in_use(img.name, String.join(", ", users))));
        }
        img.status = ImageStatus.Deleting;
        img.statusReason = null;
        img.statusReasonPublic = null;
        img.updatedAt = Instant.now();
        String jobId = jobs.submit(caller,
                new JobRequest(ImageDeleteWorkflow.TYPE, TYPE, img.id, img.name, img.accountId, Map.of()));
        audit.accepted(caller, "image.delete", target(img), jobId);
        return new Accepted<>(views(caller, List.of(img)).get(0), jobId);
    }

    /**
     * Starts an {@code image.copy} job (admins; issue 12): the image gets a byte-identical copy on another backup
     * storage, so it lives on several stores and serves the zones of each. 400 on {@code backupStorageId} for an
     * unknown store; 409 when the image is not Ready, the store is not connected, or it holds the image already.
     */
    @Audited("image.copy")
    public Accepted<ImageView> copy(Caller caller, String id, String backupStorageId) {
        access.requireAdmin(caller);
        Image img = visible(caller, id);
        Validation.start().id("backupStorageId", backupStorageId).throwIfAny();
        BackupStorage bs = BackupStorage.findById(backupStorageId);
        if (bs == null) {
            throw new InvalidInputException("backupStorageId",
                    Text.of(StorageMessages.class, m -> m.error_unknown_backup_storage(backupStorageId)));
        }
        StorageLocks.lockRowNowait(Image.getEntityManager(), "image", img.id,
                Text.of(StorageMessages.class, m -> m.error_image_busy(img.name, "in use by a copy")));
        Image.getEntityManager().refresh(img);
        if (img.status != ImageStatus.Ready) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_image_busy(img.name, img.status)));
        }
        if (bs.id.equals(img.backupStorageId) || imageCopies.on(img.id, bs.id).isPresent()) {
            throw new ConflictException(
                    Text.of(StorageMessages.class, m -> m.error_image_copy_exists(img.name, bs.name)));
        }
        if (bs.status != BackupStorageStatus.Connected) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_storage_not_connected(bs.name)));
        }
        String jobId = jobs.submit(caller, new JobRequest(ImageCopyWorkflow.TYPE, TYPE, img.id, img.name,
                img.accountId, Map.of(ImageCopyWorkflow.TARGET, bs.id)));
        audit.accepted(caller, "image.copy", target(img), bs.name);
        return new Accepted<>(views(caller, List.of(img)).get(0), jobId);
    }

    /**
     * Starts an {@code image.remove-copy} job (admins): the image's copy on the store goes (its own file stays). 404
     * when the store holds no copy of it; 409 while the copy is still being written.
     */
    @Audited("image.remove-copy")
    public Accepted<ImageView> removeCopy(Caller caller, String id, String backupStorageId) {
        access.requireAdmin(caller);
        Image img = visible(caller, id);
        StorageLocks.lockRowNowait(Image.getEntityManager(), "image", img.id,
                Text.of(StorageMessages.class, m -> m.error_image_busy(img.name, "in use by a copy")));
        ImageCopies.Copy copy = imageCopies.on(img.id, backupStorageId)
                .orElseThrow(() -> new NotFoundException("image copy", backupStorageId));
        if (!ImageCopies.READY.equals(copy.status()) || img.status == ImageStatus.Deleting) {
            throw new ConflictException(Text.of(StorageMessages.class, m -> m.error_image_busy(img.name,
                    copy.status())));
        }
        String jobId = jobs.submit(caller, new JobRequest(ImageCopyWorkflow.Remove.TYPE, TYPE, img.id, img.name,
                img.accountId, Map.of(ImageCopyWorkflow.TARGET, backupStorageId)));
        audit.accepted(caller, "image.remove-copy", target(img), jobId);
        return new Accepted<>(views(caller, List.of(img)).get(0), jobId);
    }

    /** The image if the caller may see it (owner, admin, or shared); 404 otherwise. */
    Image visible(Caller caller, String id) {
        Image img = id == null ? null : Image.findById(id);
        if (img == null || !visibleTo(caller, id, img.shared, img.accountId)) {
            throw new NotFoundException(TYPE, id);
        }
        return img;
    }

    /** Whether the caller may use the image: its account's own, a public one, or one shared with its account. */
    private boolean visibleTo(Caller caller, String id, boolean shared, String accountId) {
        return shared || caller.canAccess(accountId) || sharing.sharedWith(TYPE, id, caller.accountId());
    }

    /**
     * An image as a new VM or volume is made from it ({@link #usable}, {@link #lockForVolume}); {@code inZone}: it can
     * be used in the zone asked about ({@link #usableIn(String, String)}), true when none was.
     */
    public record UsableImage(String id, String name, String format, ImageStatus status, long virtualSizeBytes,
            String backupStorageId, boolean inZone) {

        UsableImage withInZone(boolean usable) {
            return new UsableImage(id, name, format, status, virtualSizeBytes, backupStorageId, usable);
        }
    }

    /**
     * The image as {@code owner} may use it for a new VM (its own, a public one, or one shared with its account; 404
     * otherwise), and whether it can be used in zone {@code zoneId} (null: not asked). One plain statement when its own
     * store serves the zone (every VM create request asks, issue 7); its copies are read only when not.
     */
    public UsableImage usable(Caller owner, String id, String zoneId) {
        UsableImage image = usable(owner, id, zoneId, "");
        return image.inZone() ? image : image.withInZone(usableIn(image.id(), image.backupStorageId(), zoneId));
    }

    /**
     * {@link #usable}, read under a share lock: an image delete waits for the caller's transaction, whose volume row
     * names the image (once per VM create).
     */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    UsableImage lockForVolume(Caller owner, String id) {
        return usable(owner, id, null, " LOCK IN SHARE MODE");
    }

    /** The image; {@code inZone}: its own store serves the zone (attached to it or to none; true when null). */
    private UsableImage usable(Caller owner, String id, String zoneId, String lock) {
        List<Object[]> rows = id == null
                ? List.of()
                : sql.flushedQuery("SELECT i.name, i.format, i.status, i.virtual_size_bytes, i.shared, i.account_id,"
                        + " i.backup_storage_id, " + BackupStorageZones.servesCondition("i.backup_storage_id")
                        + " FROM image i WHERE i.id = ?" + lock, zoneId, zoneId, id);
        Object[] r = rows.isEmpty() ? null : rows.get(0);
        if (r == null || !visibleTo(owner, id, Sql.flag(r[4]), (String) r[5])) {
            throw new NotFoundException(TYPE, id);
        }
        return new UsableImage(id, (String) r[0], (String) r[1], ImageStatus.valueOf((String) r[2]),
                ((Number) r[3]).longValue(), (String) r[6], Sql.flag(r[7]));
    }

    static AuditTarget target(Image img) {
        return AuditTarget.of(TYPE, img.id, img.name, img.accountId);
    }

    List<ImageView> views(Caller caller, List<Image> images) {
        Map<String, String> bsNames = caller.admin()
                ? Rows.valueById(BackupStorage.class, images.stream().map(i -> i.backupStorageId).toList(),
                        b -> b.name)
                : Map.of();
        return images.stream().map(i -> new ImageView(i.id, i.name, i.description, i.format, i.status,
                caller.admin() ? i.statusReason : i.statusReasonPublic, caller.admin() ? i.backupStorageId : null,
                bsNames.get(i.backupStorageId),
                caller.admin() ? i.path : null, i.sourceUrl, i.sizeBytes, i.virtualSizeBytes, i.sha256, i.shared,
                i.accountId, i.createdAt, i.updatedAt,
                caller.admin() ? imageCopies.of(i.id) : List.<ImageCopies.Copy>of())).toList();
    }

    /** Names by id, for views of other features' rows (a VM's offering, image, networks); unknown ids are left out. */
    @jakarta.transaction.Transactional
    public java.util.Map<String, String> names(java.util.Collection<String> ids) {
        return io.nubis.platform.Rows.valueById(Image.class, ids, r -> r.name);
    }
}
