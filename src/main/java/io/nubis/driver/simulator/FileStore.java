package io.nubis.driver.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Files of the simulated machines ({@code sim_file}) by absolute path: images with their bytes on backup storage,
 * cached images and volumes (metadata only) on hosts. Calls find the files they need in the row {@link CallGate} reads
 * for them; this class writes them and answers tests.
 */
@ApplicationScoped
class FileStore {

    static final String COLUMNS = "size_bytes, sha256, format, virtual_size_bytes, backing_file";

    @Inject
    SimulatorDatabase db;

    /** Writes the file, replacing one at the same path (one {@code REPLACE}: the bytes go over the wire once). */
    void put(Call call, String path, SimulatedFile f) {
        db.update(call,
                "REPLACE INTO sim_file (address, path, " + COLUMNS + ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                call.address(), path, f.sizeBytes(), f.sha256(), f.format(), f.virtualSizeBytes(), f.backingFile(),
                f.content());
    }

    /** Creates the file unless one exists at the path; false when one does (it is left as it is). */
    boolean create(Call call, String path, SimulatedFile f) {
        return db.applyUnlessDuplicate(call,
                "INSERT INTO sim_file (address, path, " + COLUMNS + ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                call.address(), path, f.sizeBytes(), f.sha256(), f.format(), f.virtualSizeBytes(), f.backingFile(),
                f.content());
    }

    /** Renames a file, replacing one at the target path, as {@code mv} does. */
    void rename(Call call, String from, String to) {
        String sql = "UPDATE sim_file SET path = ? WHERE address = ? AND path = ?";
        if (!db.applyUnlessDuplicate(call, sql, to, call.address(), from)) {
            delete(call, to);
            db.update(call, sql, to, call.address(), from);
        }
    }

    /** Deletes the files and their snapshots. */
    void delete(Call call, String... paths) {
        db.update(call,
                "DELETE FROM sim_snapshot WHERE address = ? AND path IN (" + "?, ".repeat(paths.length - 1) + "?)",
                args(call.address(), paths));
        db.update(call, "DELETE FROM sim_file WHERE address = ? AND path IN (" + "?, ".repeat(paths.length - 1) + "?)",
                args(call.address(), paths));
    }

    /** The file's metadata (without its bytes), if it exists. */
    Optional<SimulatedFile> get(Call call, String path) {
        return db.one(call, "SELECT " + COLUMNS + " FROM sim_file WHERE address = ? AND path = ?",
                rs -> CallGate.file(rs, 1), call.address(), path);
    }

    /** The file's bytes; empty when it does not exist or keeps only metadata. */
    Optional<byte[]> content(Call call, String path) {
        return db.one(call, "SELECT content FROM sim_file WHERE address = ? AND path = ?", rs -> rs.getBytes(1),
                call.address(), path);
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
