package io.nubis.driver.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Internal snapshots of the simulated volumes ({@code sim_snapshot}): per file, each tag with the virtual size the
 * volume had when it was taken (a revert gives the volume that size back, as qcow2 does). They go with their file and
 * belong to its owner ({@link FileStore#owner}: the shared store for volumes on shared storage).
 */
@ApplicationScoped
class SnapshotStore {

    @Inject
    SimulatorDatabase db;

    /** Records the snapshot unless the file has one with this tag. */
    void create(Call call, String path, String tag, long virtualSizeBytes) {
        db.applyUnlessDuplicate(call,
                "INSERT INTO sim_snapshot (address, path, tag, virtual_size_bytes) VALUES (?, ?, ?, ?)",
                FileStore.owner(call.address(), path), path, tag, virtualSizeBytes);
    }

    void delete(Call call, String path, String tag) {
        db.update(call, "DELETE FROM sim_snapshot WHERE address = ? AND path = ? AND tag = ?",
                FileStore.owner(call.address(), path), path, tag);
    }

    /** The virtual size the volume had when the snapshot was taken, if the file has it. */
    Optional<Long> size(Call call, String path, String tag) {
        return db.one(call, "SELECT virtual_size_bytes FROM sim_snapshot WHERE address = ? AND path = ? AND tag = ?",
                rs -> rs.getLong(1), FileStore.owner(call.address(), path), path, tag);
    }

    List<String> tags(Call call, String path) {
        return db.list(call, "SELECT tag FROM sim_snapshot WHERE address = ? AND path = ? ORDER BY tag",
                rs -> rs.getString(1), FileStore.owner(call.address(), path), path);
    }
}
