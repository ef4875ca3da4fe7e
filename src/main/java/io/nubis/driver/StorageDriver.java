package io.nubis.driver;

import java.util.List;

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
     * {@link #prepareLocalStorage} for a storage that needs a secret on the host: a Ceph pool ({@link RbdLocation},
     * {@code secret} the cephx key), which the host must keep where its commands and libvirt find it. Storage without a
     * secret ignores it.
     *
     * <p>
     * Post-condition: the host can read and write the storage; for Ceph the key is stored on the host (never on a
     * command line). Idempotent.
     */
    default StorageCapacity prepareStorage(HostEndpoint host, String root, String secret) throws DriverException {
        return prepareLocalStorage(host, root);
    }

    /**
     * The host no longer uses the storage {@code root} (its cluster detached it): removes the secret
     * {@link #prepareStorage} left on the host for it (Ceph: the libvirt secret and, unless {@code keepKeyFile} (the
     * host is also a Ceph backup storage gateway of that user and cluster), the key file and conf). Storage without a
     * secret: nothing. Idempotent.
     */
    default void forgetStorageSecret(HostEndpoint host, String root, boolean keepKeyFile) throws DriverException {
    }

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

    /**
     * Deletes a volume file, and the half-made copy {@code <path>.part} a copy into it may have left when the server
     * died during {@link #copySnapshot} (the rollback of a copy is this delete). Idempotent: missing files are success.
     */
    void deleteVolume(HostEndpoint host, String volumePath) throws DriverException;

    /** Deletes a cached image file. Idempotent. */
    void deleteCachedImage(HostEndpoint host, String cachePath) throws DriverException;

    /**
     * Takes an internal qcow2 snapshot tagged {@code tag} (a Nubis id) of the volume (issue 8). When {@code vmId} (the
     * VM the volume is attached to, or null) runs with the file open, the snapshot is taken inside that VM (KVM: QMP,
     * I/O drained for the moment: crash-consistent); otherwise in the file. Post-condition: the file has a snapshot
     * with this tag. Idempotent: one already there is success.
     */
    void createSnapshot(HostEndpoint host, String volumePath, String tag, String vmId) throws DriverException;

    /**
     * Deletes the snapshot {@code tag} of the volume, inside the running VM or in the file like
     * {@link #createSnapshot}. The volume's other snapshots and its current state stay readable (qcow2 counts
     * references to every cluster). Idempotent: a missing snapshot or file is success.
     */
    void deleteSnapshot(HostEndpoint host, String volumePath, String tag, String vmId) throws DriverException;

    /**
     * Reverts the volume to its snapshot {@code tag}: its content and virtual size become the snapshot's; what was
     * written since is lost. The VM {@code vmId} (or null) must not be running: an error otherwise, as is a missing
     * snapshot; both change nothing. Idempotent (a second revert gives the same volume).
     */
    void revertSnapshot(HostEndpoint host, String volumePath, String tag, String vmId) throws DriverException;

    /**
     * Copies the snapshot {@code tag} of the volume (or, {@code tag} null, its current state) into a new standalone
     * qcow2 file (no backing file: what the volume reads from its backing image is copied too), reading without
     * disturbing a VM that has the volume open. Its virtual size is the volume's current one. The copy is renamed into
     * place when complete. Post-condition: {@code targetPath} exists. Idempotent: an existing target is kept. On
     * failure no file is left.
     */
    VolumeInfo copySnapshot(HostEndpoint host, String volumePath, String tag, String targetPath)
            throws DriverException;

    /**
     * Opens a file on the host for reading (an exported volume on its way to a backup storage, issue 8); the caller
     * closes the stream. A missing file is an error.
     */
    java.io.InputStream openFile(HostEndpoint host, String path) throws DriverException;

    /** The tags of the volume's snapshots (for checks and tests). */
    List<String> snapshots(HostEndpoint host, String volumePath) throws DriverException;
}
