package io.nubis.storage;

import io.nubis.driver.DriverException;
import io.nubis.iam.Caller;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * What a root volume create reads before it acts ({@link VolumeService}), in the transaction that begins the volume:
 * the storage, whether it is prepared on the host, the image's cached copy there and a root volume the VM has already
 * in one statement; the image under a share lock in a second; the host in a third (issue 7: they were seven, two of
 * them entity loads).
 */
@ApplicationScoped
class RootPlans {

    /**
     * The storage's row, its capacity row on the host (there when the storage is prepared there), the image's ready
     * copy in the cache the host uses (its own on Local and iSCSI storage, the storage's on shared storage:
     * {@link ImageCacheService#scope}) and the VM's root volume.
     */
    private static final String PLAN = "SELECT p.id, p.name, p.type, p.path, p.server, p.ceph_user, l.host_id,"
            + " (SELECT ic.path FROM image_cache ic WHERE ic.primary_storage_id = p.id AND ic.image_id = ?"
            + " AND ic.status = ? AND ic.host_id = CASE WHEN p.type IN (?, ?) THEN ? ELSE p.id END),"
            + " (SELECT v.id FROM volume v WHERE v.vm_id = ? AND v.type = ? LIMIT 1)";

    @Inject
    Sql sql;
    @Inject
    ImageService images;
    @Inject
    StorageHosts hosts;
    @Inject
    PrimaryStorageService primaryStorage;

    /**
     * The plan on {@code chosenPs}, or when null on the storage new volumes of the cluster go to (the first attached
     * and enabled one, as {@link PrimaryStorageService#idForNewVolume}, whose errors a cluster without one gets).
     *
     * @throws NotFoundException the chosen storage or the image does not exist (or the owner may not use the image)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    VolumeService.RootPlan read(Caller owner, String vmId, String chosenPs, String clusterId, String hostId,
            String imageId) throws DriverException {
        List<Object> args = new java.util.ArrayList<>(List.of(imageId, ImageCache.READY, PrimaryStorage.LOCAL,
                PrimaryStorage.ISCSI, hostId, vmId, Volume.ROOT, hostId));
        String from = chosenPs != null
                ? " FROM primary_storage p LEFT JOIN local_storage_host l ON l.primary_storage_id = p.id"
                        + " AND l.host_id = ? WHERE p.id = ?"
                : " FROM primary_storage_cluster c JOIN primary_storage p ON p.id = c.primary_storage_id"
                        + " LEFT JOIN local_storage_host l ON l.primary_storage_id = p.id AND l.host_id = ?"
                        + " WHERE c.cluster_id = ? AND c.status = ? AND p.state = ? LIMIT 1";
        if (chosenPs != null) {
            args.add(chosenPs);
        } else {
            args.addAll(List.of(clusterId, PrimaryStorageService.ATTACHED, PrimaryStorage.ENABLED));
        }
        List<Object[]> rows = sql.flushedQuery(PLAN + from, args.toArray());
        if (rows.isEmpty()) {
            if (chosenPs != null) {
                throw new NotFoundException(PrimaryStorageService.TYPE, chosenPs);
            }
            // throws the reason; should one have been attached meanwhile, the plan on it
            return read(owner, vmId, primaryStorage.idForNewVolume(clusterId, hostId), clusterId, hostId, imageId);
        }
        Object[] r = rows.get(0);
        String psId = (String) r[0];
        String volumeId = (String) r[8];
        Optional<Volume> existing = volumeId == null
                ? Optional.empty()
                : Optional.ofNullable(Volume.findById(volumeId));
        ImageService.UsableImage image = images.lockForVolume(owner, imageId);
        StorageHosts.Target target = hosts.target(hostId);
        return new VolumeService.RootPlan(existing, image, psId, (String) r[1],
                PrimaryStorage.root((String) r[2], (String) r[4], (String) r[3], (String) r[5]), r[6] != null,
                Optional.ofNullable((String) r[7]), target, target.hostName());
    }
}
