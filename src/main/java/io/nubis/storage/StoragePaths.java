package io.nubis.storage;

import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import java.util.regex.Pattern;

/**
 * Paths Nubis uses on hosts and backup storage: absolute, only {@code A-Z a-z 0-9 . _ / -}, no {@code ..} segment, no
 * empty segment. File names below them are chosen by Nubis from ids ({@code <imageId>.<format>},
 * {@code <volumeId>.qcow2}), never from user input.
 */
public final class StoragePaths {

    public static final Pattern PATH = Pattern.compile("^/[A-Za-z0-9._/-]+$");
    public static final int MAX_PATH = 200;

    private StoragePaths() {
    }

    /** A trimmed path without trailing slashes, or null when blank. */
    public static String normalize(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        String p = path.trim();
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    public static boolean valid(String path) {
        if (path == null || path.length() > MAX_PATH || !PATH.matcher(path).matches() || path.equals("/")) {
            return false;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals("..") || segment.equals(".")) {
                return false;
            }
        }
        return true;
    }

    /** Required, absolute and safe; adds {@code error_path_format} otherwise. */
    public static void check(Validation v, String field, String normalized) {
        v.required(field, normalized);
        if (!v.hasError(field)) {
            v.check(valid(normalized), field, Text.of(StorageMessages.class, m -> m.error_path_format()));
        }
    }

    public static String imageOnBackupStorage(String root, String imageId, String format) {
        return root + "/images/" + imageId + "." + format;
    }

    public static String cachedImage(String psPath, String imageId, String format) {
        return psPath + "/images/" + imageId + "." + format;
    }

    /** A volume's location: qcow2 files, raw RBD images on Ceph (which clones and snapshots them itself). */
    public static String volume(String psPath, String volumeId) {
        return psPath + "/volumes/" + volumeId + (io.nubis.driver.RbdLocation.isRbd(psPath) ? ".raw" : ".qcow2");
    }
}
