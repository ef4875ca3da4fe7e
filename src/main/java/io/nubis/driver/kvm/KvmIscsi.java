package io.nubis.driver.kvm;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.IscsiLocation;
import io.nubis.driver.StorageCapacity;
import io.nubis.driver.VolumeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iSCSI primary storage on a KVM host (issue 12): every volume is one whole LUN of the target, reached by qemu's own
 * iSCSI initiator (libiscsi, {@code iscsi://portal/iqn/lun}; libvirt {@code <source protocol='iscsi'>}), so hosts need
 * no kernel initiator, no login and no multipath set-up. The host lists the target's LUNs with {@code iscsi-ls} and
 * reads each size with {@code iscsi-readcapacity16} (Debian's libiscsi-bin); writing an image onto a LUN and wiping one
 * are {@code qemu-img convert -n} (qemu-block-extra). A LUN is zeroed before it becomes a volume and when the volume is
 * deleted, so no tenant ever reads another's data.
 *
 * <p>
 * Host packages: {@code libiscsi-bin}, {@code qemu-block-extra}. Locations are parsed by {@link IscsiLocation} before
 * anything reaches a command; each value is its own argument. qemu logs in as its default initiator
 * ({@code iqn.2008-11.org.linux-kvm}), which the target's access list must allow.
 */
final class KvmIscsi {

    private static final Pattern TARGET = Pattern.compile("^Target:(\\S+)\\s");
    private static final Pattern LUN = Pattern.compile("^Lun:(\\d+)\\s+Type:DIRECT_ACCESS\\b");
    private static final Pattern SIZE = Pattern.compile("^(\\d+) (\\d+)$", Pattern.MULTILINE);
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);
    /** Prints "LUN BYTES" per LUN. Args: the target's URL ending in '/', then the LUN numbers. */
    private static final String SIZES = """
            t=$1; shift
            for n in "$@"; do
              s=$(timeout 20 iscsi-readcapacity16 "$t$n" 2>/dev/null | sed -n 's/^Total size:\\([0-9]*\\)$/\\1/p')
              [ -n "$s" ] && echo "$n $s"
            done
            true
            """;

    private KvmIscsi() {
    }

    /** The target's disk LUNs and their sizes, as the host sees them; fails when the portal does not offer it. */
    static StorageCapacity prepare(SshPool ssh, HostEndpoint ep, String root) throws DriverException {
        IscsiLocation target = target(root);
        String portal = IscsiLocation.SCHEME + target.host() + ":" + target.port() + "/";
        ExecResult r = ssh.exec(ep, RemoteCommand.of("timeout", "25", "iscsi-ls", "-s", portal)
                .withTimeout(LIST_TIMEOUT));
        if (r.exitCode() == 127) {
            throw new DriverException("iscsi-ls is missing on " + ep.address() + ": install libiscsi-bin there");
        }
        if (!r.ok()) {
            throw new DriverException("the iSCSI portal " + target.host() + ":" + target.port() + " did not answer "
                    + ep.address() + ": " + r.describe());
        }
        List<Integer> numbers = lunsOf(r.stdout(), target.iqn());
        if (numbers == null) {
            throw new DriverException("the iSCSI portal " + target.host() + ":" + target.port() + " does not offer "
                    + target.iqn() + " to " + ep.address());
        }
        List<StorageCapacity.Lun> luns = new ArrayList<>();
        if (!numbers.isEmpty()) {
            RemoteCommand sizes = RemoteCommand.of("sh", "-c", SIZES, "nubis-luns", target.url())
                    .and(numbers.stream().map(String::valueOf).toArray(String[]::new)).withTimeout(LIST_TIMEOUT);
            Matcher m = SIZE.matcher(KvmCommands.check(ssh, ep, "reading the sizes of the LUNs of " + target.iqn(),
                    sizes).stdout());
            while (m.find()) {
                luns.add(new StorageCapacity.Lun(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))));
            }
        }
        return StorageCapacity.ofLuns(luns);
    }

    /**
     * The disk LUNs {@code iscsi-ls -s} lists for target {@code iqn}, or null when the target is not listed. Lines:
     * {@code Target:IQN Portal:...}, then {@code Lun:N Type:DIRECT_ACCESS (Size:...)} per LUN.
     */
    static List<Integer> lunsOf(String listing, String iqn) {
        List<Integer> luns = null;
        boolean mine = false;
        for (String line : listing.split("\n")) {
            Matcher t = TARGET.matcher(line.strip() + " ");
            if (t.find()) {
                mine = t.group(1).equals(iqn);
                if (mine && luns == null) {
                    luns = new ArrayList<>();
                }
                continue;
            }
            Matcher l = LUN.matcher(line.strip());
            if (mine && l.find() && Integer.parseInt(l.group(1)) <= IscsiLocation.MAX_LUN) {
                luns.add(Integer.parseInt(l.group(1)));
            }
        }
        return luns;
    }

    /** The LUN's size as qemu sees it. */
    static VolumeInfo info(SshPool ssh, HostEndpoint ep, String location) throws DriverException {
        QemuImg.Info i = QemuImg.info(ssh, ep, lun(location).url(), "raw");
        return new VolumeInfo(location, "raw", i.virtualSize(), i.virtualSize());
    }

    /**
     * Writes zeros over the whole LUN (qemu-img reads a zero source of its size and sends zero writes, WRITE SAME where
     * the target offers it). Idempotent.
     */
    static VolumeInfo wipe(SshPool ssh, HostEndpoint ep, String location, Duration timeout) throws DriverException {
        VolumeInfo info = info(ssh, ep, location);
        KvmCommands.check(ssh, ep, "zeroing the LUN " + location, RemoteCommand
                .of("qemu-img", "convert", "-n", "--image-opts",
                        "driver=null-co,read-zeroes=on,size=" + info.virtualSizeBytes(), "-O", "raw",
                        lun(location).url())
                .withTimeout(timeout));
        return info;
    }

    /**
     * Makes the LUN a root volume: zeroes it, then writes the cached image ({@code .qcow2} or {@code .raw}) onto it.
     * Fails, writing nothing, when the image's virtual size is larger than the LUN. Idempotent (a retry writes again).
     */
    static VolumeInfo writeImage(SshPool ssh, HostEndpoint ep, String cachePath, String format, String location,
            Duration timeout) throws DriverException {
        QemuImg.Info image = QemuImg.info(ssh, ep, cachePath, format);
        VolumeInfo lun = info(ssh, ep, location);
        if (image.virtualSize() > lun.virtualSizeBytes()) {
            throw new DriverException("the image " + cachePath + " (" + image.virtualSize() + " bytes) does not fit"
                    + " on the LUN " + location + " (" + lun.virtualSizeBytes() + " bytes)");
        }
        wipe(ssh, ep, location, timeout);
        KvmCommands.check(ssh, ep, "writing the image onto the LUN " + location, RemoteCommand
                .of("qemu-img", "convert", "-n", "-f", format, "-O", "raw", cachePath, lun(location).url())
                .withTimeout(timeout));
        return lun;
    }

    private static IscsiLocation target(String root) throws DriverException {
        try {
            IscsiLocation t = IscsiLocation.parse(root);
            if (t.lun() >= 0) {
                throw new DriverException("an iSCSI storage names a target, not a LUN: " + root);
            }
            return t;
        } catch (IllegalArgumentException e) {
            throw new DriverException(e.getMessage());
        }
    }

    private static IscsiLocation lun(String location) throws DriverException {
        try {
            IscsiLocation l = IscsiLocation.parse(location);
            if (l.lun() < 0) {
                throw new DriverException("an iSCSI volume names a LUN, not only a target: " + location);
            }
            return l;
        } catch (IllegalArgumentException e) {
            throw new DriverException(e.getMessage());
        }
    }
}
