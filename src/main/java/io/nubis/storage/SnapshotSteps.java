package io.nubis.storage;

import io.nubis.driver.DriverException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The steps of the snapshot jobs ({@link SnapshotWorkflows}) and the row changes at their ends, each its own short
 * transaction. Host calls run outside transactions and are idempotent (a resumed step repeats them safely).
 */
@ApplicationScoped
class SnapshotSteps {

    @Inject
    EntityManager em;
    @Inject
    StorageHosts hosts;
    @Inject
    LocalStorageCapacity capacity;
    @Inject
    VolumeStore volumes;

    /** Where a snapshot's volume is: its file, host and the VM it is attached to (null when detached). */
    record Place(String path, String hostId, String vmId) {
    }

    @Transactional
    Place place(String volumeId) {
        Volume v = volumes.find(volumeId)
                .orElseThrow(() -> new IllegalStateException("volume " + volumeId + " is gone"));
        return new Place(v.path, v.hostId, v.vmId);
    }

    void take(String volumeId, String snapshotId) throws DriverException {
        Place p = place(volumeId);
        StorageHosts.Target t = hosts.target(p.hostId());
        t.driver().createSnapshot(t.endpoint(), p.path(), snapshotId, p.vmId());
    }

    /** Deletes the snapshot from the volume's file; a volume that is gone took its snapshots along. */
    void drop(String volumeId, String snapshotId) throws DriverException {
        if (volumes.find(volumeId).isEmpty()) {
            return;
        }
        Place p = place(volumeId);
        StorageHosts.Target t = hosts.target(p.hostId());
        t.driver().deleteSnapshot(t.endpoint(), p.path(), snapshotId, p.vmId());
    }

    void revert(String volumeId, String snapshotId) throws DriverException {
        Place p = place(volumeId);
        StorageHosts.Target t = hosts.target(p.hostId());
        t.driver().revertSnapshot(t.endpoint(), p.path(), snapshotId, p.vmId());
    }

    void copy(String volumeId, String snapshotId, String newVolumeId) throws DriverException {
        Place p = place(volumeId);
        Place target = place(newVolumeId);
        StorageHosts.Target t = hosts.target(p.hostId());
        t.driver().copySnapshot(t.endpoint(), p.path(), snapshotId, target.path());
    }

    /** The rollback of {@link #copy}: the new volume's file goes. Idempotent. */
    void deleteCopy(String newVolumeId) throws DriverException {
        if (volumes.find(newVolumeId).isEmpty()) {
            return;
        }
        Place target = place(newVolumeId);
        StorageHosts.Target t = hosts.target(target.hostId());
        t.driver().deleteVolume(t.endpoint(), target.path());
    }

    /**
     * A snapshot that was never taken, or was deleted: its row and reservation go; its children become its parent's,
     * and so does the volume's current state. Idempotent.
     */
    @Transactional
    void forget(String volumeId, String snapshotId) {
        StorageLocks.lockRow(em, "volume", volumeId);
        VolumeSnapshot s = VolumeSnapshot.findById(snapshotId);
        Volume v = Volume.findById(volumeId);
        if (s == null || v == null) {
            return;
        }
        VolumeSnapshot.update("parentId = ?1 where parentId = ?2", s.parentId, s.id);
        if (s.id.equals(v.currentSnapshotId)) {
            v.currentSnapshotId = s.parentId;
            v.updatedAt = Instant.now();
        }
        capacity.release(v.primaryStorageId, v.hostId, s.sizeBytes);
        s.delete();
    }

    /**
     * A revert done: the snapshot is the volume's current one and the volume has its size; what the volume held above
     * it goes back to the host.
     */
    @Transactional
    void reverted(String volumeId, String snapshotId) {
        StorageLocks.lockRow(em, "volume", volumeId);
        VolumeSnapshot s = VolumeSnapshot.findById(snapshotId);
        Volume v = Volume.findById(volumeId);
        if (s == null || v == null) {
            return;
        }
        if (v.sizeBytes > s.sizeBytes) {
            capacity.release(v.primaryStorageId, v.hostId, v.sizeBytes - s.sizeBytes);
            v.sizeBytes = s.sizeBytes;
        }
        v.currentSnapshotId = s.id;
        v.updatedAt = Instant.now();
        ready(snapshotId);
    }

    /** A failed revert (the volume is as it was): the size the request reserved above {@code fromBytes} goes back. */
    @Transactional
    void revertFailed(String volumeId, String snapshotId, long fromBytes) {
        volumes.forgetGrowth(volumeId, fromBytes);
        ready(snapshotId);
    }

    /** The snapshot takes requests again (a job on it ended). Idempotent. */
    @Transactional
    void ready(String snapshotId) {
        VolumeSnapshot.update("status = ?1, updatedAt = ?2 where id = ?3", SnapshotStatus.Ready, Instant.now(),
                snapshotId);
    }
}
