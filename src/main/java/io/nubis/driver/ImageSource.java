package io.nubis.driver;

/**
 * Where an image file lives on a backup storage, for copying it to a host's cache.
 *
 * @param backupStorage how to reach the backup storage
 * @param path absolute path of the image file on the backup storage
 * @param format raw, qcow2 or iso
 * @param sizeBytes file size
 * @param sha256 hex SHA-256 of the file, verified after every copy
 */
public record ImageSource(BackupStorageEndpoint backupStorage, String path, String format, long sizeBytes,
        String sha256) {
}
