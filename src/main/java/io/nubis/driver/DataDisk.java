package io.nubis.driver;

/**
 * A data volume as a VM sees it: the volume file on the host and its device index on the VM's virtio bus. Index 0 is
 * the root disk ({@code vda}); data disks take 1 to {@link #MAX_INDEX} ({@code vdb} .. {@code vdi}), kept in the
 * volume's row while it is attached, so a disk keeps its device name across restarts and redefinitions.
 */
public record DataDisk(String path, int deviceIndex) {

    /** At most eight data disks per VM (vdb .. vdi). */
    public static final int MAX_INDEX = 8;

    /** The guest-side device name: {@code vdb} for index 1, {@code vdc} for 2, ... */
    public String target() {
        return "vd" + (char) ('a' + deviceIndex);
    }
}
