package io.nubis.driver.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Files of the simulated machines ({@code sim_file}) by absolute path: images with their bytes on backup storage,
 * cached images and volumes (metadata only) on hosts. Calls find the files they need in the row {@link CallGate} reads
 * for them; this class writes them and answers tests.
 */
@ApplicationScoped
class FileStore {

    static final String COLUMNS = "size_bytes, sha256, format, virtual_size_bytes, backing_file";
    /**
     * Whose files {@code nfs://} and {@code rbd://} locations are: one store every simulated host sees (issue 12), not
     * a machine's own.
     */
    static final String SHARED = "nfs";

    /** The machine a file belongs to: the calling machine, or the shared store for an nfs:// or rbd:// location. */
    static String owner(String address, String path) {
        return path != null && (path.startsWith("nfs://") || path.startsWith("rbd://") || path.startsWith("iscsi://"))
                ? SHARED
                : address;
    }

    @Inject
    SimulatorDatabase db;

    /** The shared export is a machine of its own in the tables (its files need one): made on its first file. */
    private void ensureOwner(Call call, String path) {
        if (SHARED.equals(owner(call.address(), path))) {
            db.update(call, "INSERT IGNORE INTO sim_machine (address, cpus, memory_mib, storage_bytes) VALUES (?, 0, 0,"
                    + " 0)", SHARED);
        }
    }

    /** Writes the file, replacing one at the same path (one {@code REPLACE}: the bytes go over the wire once). */
    void put(Call call, String path, SimulatedFile f) {
        ensureOwner(call, path);
        db.update(call,
                "REPLACE INTO sim_file (address, path, " + COLUMNS + ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                owner(call.address(), path), path, f.sizeBytes(), f.sha256(), f.format(), f.virtualSizeBytes(),
                f.backingFile(),
                f.content());
    }

    /** Creates the file unless one exists at the path; false when one does (it is left as it is). */
    boolean create(Call call, String path, SimulatedFile f) {
        ensureOwner(call, path);
        return db.applyUnlessDuplicate(call,
                "INSERT INTO sim_file (address, path, " + COLUMNS + ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                owner(call.address(), path), path, f.sizeBytes(), f.sha256(), f.format(), f.virtualSizeBytes(),
                f.backingFile(),
                f.content());
    }

    /** Renames a file, replacing one at the target path, as {@code mv} does. */
    void rename(Call call, String from, String to) {
        String sql = "UPDATE sim_file SET path = ? WHERE address = ? AND path = ?";
        if (!db.applyUnlessDuplicate(call, sql, to, owner(call.address(), from), from)) {
            delete(call, to);
            db.update(call, sql, to, owner(call.address(), from), from);
        }
    }

    /** Deletes the files and their snapshots. */
    void delete(Call call, String... paths) {
        Map<String, List<String>> byOwner = new java.util.TreeMap<>();
        for (String p : paths) {
            byOwner.computeIfAbsent(owner(call.address(), p), o -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<String, List<String>> e : byOwner.entrySet()) {
            String[] some = e.getValue().toArray(String[]::new);
            String in = "?, ".repeat(some.length - 1) + "?";
            db.update(call, "DELETE FROM sim_snapshot WHERE address = ? AND path IN (" + in + ")",
                    args(e.getKey(), some));
            db.update(call, "DELETE FROM sim_file WHERE address = ? AND path IN (" + in + ")", args(e.getKey(), some));
        }
    }

    /** The file's metadata (without its bytes), if it exists. */
    Optional<SimulatedFile> get(Call call, String path) {
        return db.one(call, "SELECT " + COLUMNS + " FROM sim_file WHERE address = ? AND path = ?",
                rs -> CallGate.file(rs, 1), owner(call.address(), path), path);
    }

    /** The file's bytes; empty when it does not exist or keeps only metadata. */
    Optional<byte[]> content(Call call, String path) {
        return db.one(call, "SELECT content FROM sim_file WHERE address = ? AND path = ?", rs -> rs.getBytes(1),
                owner(call.address(), path), path);
    }

    List<String> paths(String address) {
        return db.list(Call.control(address), "SELECT path FROM sim_file WHERE address = ? ORDER BY path",
                rs -> rs.getString(1), address);
    }

    private static Object[] args(String first, String[] rest) {
        List<Object> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray();
    }
}
