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
     * Releases what the server holds for this store (pooled sessions). Never throws.
     */
    default void disconnect(BackupStorageEndpoint bs) {
    }

    /**
     * Reaches the store, creates {@code <rootPath>/images} if missing and reports capacity and the host key seen.
     * Idempotent. On failure nothing is created.
     */
    BackupStorageFacts connect(BackupStorageEndpoint bs) throws DriverException;

    /**
     * Imports an image from {@code source} (an http(s) URL or a path on the store, confined as {@link ImportSource}
     * says) into {@code targetPath}, then inspects it. The copy goes to a temporary name
     * ({@code targetPath + ".part"}); it is inspected there (format detected by {@code qemu-img info}, ISO 9660
     * recognised by its {@code CD001} signature at offset 32769; qcow2 images with a backing file or an external data
     * file are refused, from the header itself, before any tool opens the image), checked against
     * {@code expectedFormat} when that is not null, hashed, and only then renamed to {@code targetPath}.
     *
     * <p>
     * Post-condition: {@code targetPath} holds the file and the returned info describes it. Idempotent for the same
     * target path. On failure (refused source, download, inspection, format mismatch) the temporary file is removed and
     * nothing is left at {@code targetPath}. The exception's public message (what a tenant reads) names the kind of
     * failure ("the URL could not be fetched (HTTP 404)"), never what the server printed, its paths or its addresses.
     */
    ImageFileInfo importImage(BackupStorageEndpoint bs, ImportSource source, String targetPath, String expectedFormat)
            throws DriverException;

    /**
     * Stores an uploaded image at {@code targetPath}, streaming {@code content} (never buffering it whole); same
     * contract as {@link #importImage}. The caller closes {@code content}.
     */
    ImageFileInfo upload(BackupStorageEndpoint bs, InputStream content, String targetPath, String expectedFormat)
            throws DriverException;

    /** Streams an image file out of the store (for copying it to a host's cache). The caller closes the stream. */
    InputStream open(BackupStorageEndpoint bs, String path) throws DriverException;

    /** Deletes an image file (and its temporary download, if any). Idempotent: a missing file is success. */
    void delete(BackupStorageEndpoint bs, String path) throws DriverException;
}
