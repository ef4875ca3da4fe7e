package io.nubis.driver;

import java.io.InputStream;

/**
 * An image store ("backup storage", like OpenStack Glance's store). One implementation per backup storage type
 * ({@link #type()}: {@code SFTP}, {@code Simulator}). Image files live under the endpoint's root path as
 * {@code <rootPath>/images/<imageId>.<format>}; the storage service chooses the names, the driver never derives a path
 * from user input.
 */
public interface BackupStorageDriver {

    String type();

    /**
     * Reaches the store, creates {@code <rootPath>/images} if missing and reports capacity and the host key seen.
     * Idempotent. On failure nothing is created.
     */
    BackupStorageFacts connect(BackupStorageEndpoint bs) throws DriverException;

    /**
     * Downloads an image from {@code url} (http, https or file path reachable from the store) into {@code targetPath},
     * then inspects it. The download goes to a temporary name; on failure it is removed.
     *
     * <p>
     * Post-condition: {@code targetPath} holds the file and the returned info describes it (format as detected by
     * {@code qemu-img info}, sizes, SHA-256). Idempotent for the same target path.
     */
    ImageFileInfo importFromUrl(BackupStorageEndpoint bs, String url, String targetPath) throws DriverException;

    /** Stores an uploaded image at {@code targetPath} (same contract as {@link #importFromUrl}). */
    ImageFileInfo upload(BackupStorageEndpoint bs, InputStream content, String targetPath) throws DriverException;

    /** Streams an image file out of the store (for copying it to a host's cache). The caller closes the stream. */
    InputStream open(BackupStorageEndpoint bs, String path) throws DriverException;

    /** Deletes an image file. Idempotent: a missing file is success. */
    void delete(BackupStorageEndpoint bs, String path) throws DriverException;
}
