package io.nubis.driver;

/**
 * Storage on a hypervisor host: local primary storage directories, the image cache and root volumes. One implementation
 * per hypervisor type ({@link #type()}, same values as {@link HostDriver#type()}). Paths are absolute host paths
 * validated by the storage service ({@code ^/[A-Za-z0-9._/-]+$}, no {@code ..}); implementations still pass them as
 * separate command arguments.
 */
public interface StorageDriver {

    String type();

    /**
     * Creates the primary storage directory (and its {@code images/} cache and {@code volumes/} folders) on the host if
     * missing, and reports the file system's capacity.
     *
     * <p>
     * Post-condition: the directories exist and are writable. Idempotent. On failure nothing is removed that existed
     * before.
     */
    StorageCapacity prepareLocalStorage(HostEndpoint host, String path) throws DriverException;

    /**
     * Undoes {@link #prepareLocalStorage} as far as it is safe: removes the {@code images/} and {@code volumes/}
     * folders and the directory itself only when they are empty. Never removes a file. Idempotent.
     */
    void releaseLocalStorage(HostEndpoint host, String path) throws DriverException;

    /**
     * Makes sure {@code image} is in the host's image cache at {@code cachePath}, copying it from its backup storage
     * unless a file with the expected checksum is already there. The copy goes to a temporary name and is renamed only
     * when complete and verified, so a crash never leaves a half image under {@code cachePath}.
     *
     * <p>
     * Post-condition: {@code cachePath} holds the image, checksum verified. Idempotent (a second call with the file
     * present does nothing but the check). On failure the temporary file is removed.
     */
    void ensureImageCached(HostEndpoint host, ImageSource image, String cachePath) throws DriverException;

    /**
     * Creates a root volume as a qcow2 linked clone (backing file {@code cachePath}, whose format is its file
     * extension: {@code .qcow2} or {@code .raw}) of at least {@code sizeBytes} virtual size.
     *
     * <p>
     * Post-condition: {@code volumePath} exists, backed by the cached image. Idempotent: an existing volume with the
     * same backing file is kept. On failure no file is left at {@code volumePath}.
     */
    VolumeInfo createRootVolume(HostEndpoint host, String cachePath, String volumePath, long sizeBytes)
            throws DriverException;

    /**
     * Creates an empty data volume: a qcow2 file of {@code sizeBytes} virtual size without a backing file (issue 8).
     * Post-condition: {@code volumePath} exists. Idempotent: an existing qcow2 file without backing file is kept (a
     * retry); any other file there is an error. On failure no file is left at {@code volumePath}.
     */
    VolumeInfo createDataVolume(HostEndpoint host, String volumePath, long sizeBytes) throws DriverException;

    /**
     * Sets the virtual size of a volume file that no running VM uses: grows it, or shrinks it back to the size it had
     * (the rollback of a growth no guest has seen yet). The data beyond a shrunk size is lost, so callers shrink only
     * what they grew.
     *
     * <p>
     * Post-condition: the volume's virtual size is {@code sizeBytes}. Idempotent: a volume already of that size is left
     * alone. Fails (and changes nothing) when the file is missing.
     */
    VolumeInfo resizeVolume(HostEndpoint host, String volumePath, long sizeBytes) throws DriverException;

    /** Deletes a volume file. Idempotent: a missing file is success. */
    void deleteVolume(HostEndpoint host, String volumePath) throws DriverException;

    /** Deletes a cached image file. Idempotent. */
    void deleteCachedImage(HostEndpoint host, String cachePath) throws DriverException;
}
