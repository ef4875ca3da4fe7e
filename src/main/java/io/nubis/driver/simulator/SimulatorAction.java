package io.nubis.driver.simulator;

/** Driver calls a test can script an outcome for. */
public enum SimulatorAction {
    CONNECT, PING, DISCONNECT,
    // network driver
    ENSURE_BRIDGE, ENSURE_DHCP, REMOVE_DHCP, ENSURE_NIC_FILTER, REMOVE_NIC_FILTER, ENSURE_ROUTER, REMOVE_ROUTER, REMOVE_BRIDGE,
    /** {@link io.nubis.driver.VmDriver} calls. */
    VM_CREATE, VM_START, VM_STOP, VM_REBOOT, VM_DESTROY, VM_MIGRATE, VM_LIST, VM_ATTACH_DISK, VM_DETACH_DISK, VM_GROW_DISK, VM_CHANGE_MEDIA, VM_CONSOLE,
    /** Backup storage: connect, import from a URL, upload, open (read) an image, delete an image. */
    BS_CONNECT, BS_IMPORT, BS_UPLOAD, BS_OPEN, BS_DELETE,
    /**
     * Host storage: prepare/release a local primary storage, cache an image, create/resize/delete a volume, drop a
     * cache.
     */
    PREPARE_STORAGE, RELEASE_STORAGE, CACHE_IMAGE, CREATE_VOLUME, RESIZE_VOLUME, DELETE_VOLUME, DELETE_CACHED_IMAGE,
    /** Snapshots of a volume (issue 8): take, delete, revert to, copy into a new volume. */
    SNAPSHOT_CREATE, SNAPSHOT_DELETE, SNAPSHOT_REVERT, SNAPSHOT_COPY,
    /** Reading a host file (an exported volume on its way to a backup storage). */
    OPEN_FILE
}
