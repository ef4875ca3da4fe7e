package io.nubis.driver;

import io.nubis.platform.Ids;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every {@link VmDriver} accepts in a {@link VmSpec}. Drivers check specs with {@link #check(VmSpec)} before
 * touching a host (and refuse a bad one with a {@link DriverException}); callers may check earlier to give a user a
 * field error instead of a failed job.
 */
public final class VmSpecRules {

    /** Lower-case, colon-separated. */
    public static final Pattern MAC = Pattern.compile("^([0-9a-f]{2}:){5}[0-9a-f]{2}$");
    /** A Linux interface name (at most 15 characters) of the safe kind. */
    public static final Pattern BRIDGE = Pattern.compile("^[a-z][a-z0-9_-]{0,14}$");
    /** An absolute path of plain characters; {@code .} and {@code ..} segments are refused separately. */
    public static final Pattern PATH = Pattern.compile("^/[A-Za-z0-9._/-]+$");
    public static final int MAX_CPUS = 256;
    public static final long MIN_MEMORY_MIB = 16;
    public static final long MAX_MEMORY_MIB = 16L * 1024 * 1024;

    private VmSpecRules() {
    }

    /** Throws {@link IllegalArgumentException} naming the first value a driver would refuse. */
    public static void check(VmSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("no VM spec");
        }
        if (!Ids.isValid(spec.vmId())) {
            throw new IllegalArgumentException("VM id is not a lower-case UUID: " + spec.vmId());
        }
        if (spec.cpus() < 1 || spec.cpus() > MAX_CPUS) {
            throw new IllegalArgumentException("CPUs must be 1.." + MAX_CPUS + ", not " + spec.cpus());
        }
        if (spec.memoryMib() < MIN_MEMORY_MIB || spec.memoryMib() > MAX_MEMORY_MIB) {
            throw new IllegalArgumentException(
                    "memory must be " + MIN_MEMORY_MIB + ".." + MAX_MEMORY_MIB + " MiB, not " + spec.memoryMib());
        }
        checkLocation("root volume path", spec.rootVolumePath());
        checkPath("console log path", spec.consoleLogPath());
        if (spec.cdromPath() != null) {
            checkIsoPath(spec.cdromPath());
        }
        Set<Integer> indexes = new HashSet<>();
        for (DataDisk disk : dataDisks(spec)) {
            checkDisk(disk);
            if (!indexes.add(disk.deviceIndex()) || disk.path().equals(spec.rootVolumePath())) {
                throw new IllegalArgumentException("two disks share device " + disk.target() + " or a file");
            }
        }
        Set<String> devices = new HashSet<>();
        for (VmSpec.Nic nic : nics(spec)) {
            if (nic == null) {
                throw new IllegalArgumentException("null NIC");
            }
            if (!devices.add(NicDevice.name(nic.id()))) {
                throw new IllegalArgumentException("two NICs would share the host device " + nic.device());
            }
            if (nic.mac() == null || !MAC.matcher(nic.mac()).matches()) {
                throw new IllegalArgumentException("MAC address must be six lower-case hex pairs, not " + nic.mac());
            }
            if (nic.bridge() == null || !BRIDGE.matcher(nic.bridge()).matches()) {
                throw new IllegalArgumentException(
                        "bridge name must match " + BRIDGE.pattern() + ", not " + nic.bridge());
            }
        }
    }

    /** Throws {@link IllegalArgumentException} when an ISO path is one a driver would refuse. */
    public static void checkIsoPath(String path) {
        checkLocation("ISO path", path);
    }

    /** Throws {@link IllegalArgumentException} when a data disk's path or device index is one a driver would refuse. */
    public static void checkDisk(DataDisk disk) {
        if (disk == null) {
            throw new IllegalArgumentException("null data disk");
        }
        checkLocation("data volume path", disk.path());
        if (disk.deviceIndex() < 1 || disk.deviceIndex() > DataDisk.MAX_INDEX) {
            throw new IllegalArgumentException(
                    "data disk device index must be 1.." + DataDisk.MAX_INDEX + ", not " + disk.deviceIndex());
        }
    }

    /** The data disks of the spec; null means none. */
    public static List<DataDisk> dataDisks(VmSpec spec) {
        return spec.dataDisks() == null ? List.of() : spec.dataDisks();
    }

    /** A server of an {@code nfs://} location: a DNS name or an IPv4 address. */
    public static final Pattern SERVER = Pattern
            .compile(
                    "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");

    /**
     * Where a volume or ISO lives: a file path ({@link #checkPath}) or a file of an NFS export,
     * {@code nfs://server/absolute/path}, or an RBD image, {@code rbd://user@monitors/pool/folder/file} (issue 12,
     * {@link RbdLocation#parse}), or an iSCSI LUN, {@code iscsi://portal/iqn/lun} ({@link IscsiLocation#parse}).
     */
    public static void checkLocation(String what, String location) {
        if (IscsiLocation.isIscsi(location)) {
            if (IscsiLocation.parse(location).lun() < 0) {
                throw new IllegalArgumentException(what + " names an iSCSI target, not a LUN: " + location);
            }
            return;
        }
        if (RbdLocation.isRbd(location)) {
            if (RbdLocation.parse(location).image() == null) {
                throw new IllegalArgumentException(what + " names a Ceph pool, not an image: " + location);
            }
            return;
        }
        if (location != null && location.startsWith("nfs://")) {
            int slash = location.indexOf('/', 6);
            String server = slash < 0 ? "" : location.substring(6, slash);
            if (server.length() > 253 || !SERVER.matcher(server).matches()) {
                throw new IllegalArgumentException(what + " names an invalid NFS server: " + location);
            }
            checkPath(what, location.substring(slash));
            return;
        }
        checkPath(what, location);
    }

    /** An absolute file path of plain characters, without empty, {@code .} or {@code ..} segments. */
    public static void checkPath(String what, String path) {
        if (path == null || !PATH.matcher(path).matches() || path.endsWith("/")) {
            throw new IllegalArgumentException(
                    what + " must be an absolute file path of letters, digits and ._-/, not " + path);
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(what + " must not contain empty, . or .. segments: " + path);
            }
        }
    }

    /** The NICs of the spec; null means none. */
    public static List<VmSpec.Nic> nics(VmSpec spec) {
        return spec.nics() == null ? List.of() : spec.nics();
    }
}
