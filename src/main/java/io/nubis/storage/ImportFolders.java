package io.nubis.storage;

import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders of a backup storage from which admins may import images by path (issue 6). Tenants never import by path.
 * A folder is an absolute, normalised path ({@link StoragePaths#valid}), not {@code /}, and neither inside the store's
 * root (where images live: importing another account's image file by its path must be impossible) nor above it. A path
 * to import must lie strictly inside a folder; the driver checks it again on the server after resolving symbolic links
 * ({@code realpath -e}), so a link inside a folder cannot point out of it.
 */
public final class ImportFolders {

    /** How many folders one backup storage may name. */
    public static final int MAX = 8;

    private ImportFolders() {
    }

    /** The folders stored in a column (one per line); empty for null. */
    public static List<String> parse(String column) {
        List<String> out = new ArrayList<>();
        if (column != null) {
            for (String line : column.split("\n")) {
                if (!line.isBlank()) {
                    out.add(line.trim());
                }
            }
        }
        return out;
    }

    /** The column value for these folders (null for none). */
    public static String format(List<String> folders) {
        return folders == null || folders.isEmpty() ? null : String.join("\n", folders);
    }

    /**
     * Validates and normalises folders an admin gives for a store rooted at {@code rootPath}; adds a field error to
     * {@code v} for the first bad one. Blank entries are dropped, duplicates kept once.
     */
    public static List<String> validate(Validation v, String field, List<String> folders, String rootPath) {
        List<String> out = new ArrayList<>();
        if (folders == null) {
            return out;
        }
        for (String raw : folders) {
            String f = StoragePaths.normalize(raw);
            if (f == null || out.contains(f)) {
                continue;
            }
            if (!StoragePaths.valid(f)) {
                v.add(field, Text.of(StorageMessages.class, m -> m.error_import_folder_format(raw.trim())));
                return out;
            }
            if (rootPath != null && (inside(rootPath, f) || inside(f, rootPath) || f.equals(rootPath))) {
                v.add(field, Text.of(StorageMessages.class, m -> m.error_import_folder_overlaps_root(f, rootPath)));
                return out;
            }
            out.add(f);
        }
        if (out.size() > MAX) {
            v.add(field, Text.of(StorageMessages.class, m -> m.error_import_folder_count(MAX)));
        }
        return out;
    }

    /** Whether {@code path} lies strictly inside one of {@code folders} (by its text: no link is resolved here). */
    public static boolean contains(List<String> folders, String path) {
        return folders.stream().anyMatch(f -> inside(f, path));
    }

    /** Whether {@code path} is strictly below {@code folder} (both normalised absolute paths). */
    static boolean inside(String folder, String path) {
        return path.length() > folder.length() + 1 && path.startsWith(folder + "/");
    }
}
