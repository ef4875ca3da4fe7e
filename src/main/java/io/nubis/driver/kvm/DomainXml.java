package io.nubis.driver.kvm;

import io.nubis.driver.DataDisk;
import io.nubis.driver.IscsiLocation;
import io.nubis.driver.RbdLocation;
import io.nubis.driver.VmSpec;
import io.nubis.driver.VmSpecRules;
import java.util.regex.Pattern;

/**
 * Builds the libvirt domain XML of a VM from its {@link VmSpec}. Every value is checked against a strict pattern first
 * ({@link VmSpecRules}; a bad one is refused with {@link IllegalArgumentException} naming it) and XML-escaped anyway.
 * The user's VM name appears only as the {@code <title>}; the domain name and UUID come from the VM id.
 *
 * <p>
 * What the XML holds: TCG or KVM ({@code nubis.kvm.domain-type}), an hvm guest booting from its first disk, ACPI (so
 * {@code virsh shutdown} and {@code reboot} reach the guest), the root volume as a qcow2 virtio disk ({@code vda}) and
 * the data volumes after it (each at its device index), an IDE CD-ROM drive ({@code hdc}, with the spec's ISO or empty;
 * the VM boots from it first when it holds one), one virtio NIC per {@link VmSpec.Nic} on its Linux bridge with a tap
 * device named after the NIC id ({@link io.nubis.driver.NicDevice}: the name the NIC's anti-spoofing rules refer to),
 * and the serial console (ttyS0) as a pty whose output virtlogd appends to the console log file (rotated by virtlogd,
 * and {@code virsh console} still works for an admin), and a graphical console: VNC listening on the host's loopback
 * only (reached through an SSH tunnel, {@link KvmConsoles}) with VGA video.
 */
final class DomainXml {

    static final Pattern DOMAIN_TYPE = Pattern.compile("^(qemu|kvm)$");
    static final int MAX_TITLE = 255;
    /** TCG translation cache; qemu's default (1 GiB) would dominate a small guest's memory. */
    static final int TCG_TB_CACHE_MIB = 32;

    private DomainXml() {
    }

    /** The domain XML for {@code spec}; {@code domainType} is {@code qemu} or {@code kvm}. */
    static String build(VmSpec spec, String domainType) {
        validate(spec, domainType);
        StringBuilder x = new StringBuilder(1024);
        x.append("<domain type='").append(esc(domainType)).append("'>\n");
        x.append("  <name>").append(esc(DomainNames.of(spec.vmId()))).append("</name>\n");
        x.append("  <uuid>").append(esc(spec.vmId())).append("</uuid>\n");
        if (spec.title() != null && !title(spec.title()).isEmpty()) {
            x.append("  <title>").append(esc(title(spec.title()))).append("</title>\n");
        }
        x.append("  <memory unit='MiB'>").append(spec.memoryMib()).append("</memory>\n");
        x.append("  <vcpu>").append(spec.cpus()).append("</vcpu>\n");
        x.append(spec.cdromPath() != null
                ? "  <os><type arch='x86_64'>hvm</type><boot dev='cdrom'/><boot dev='hd'/></os>\n"
                : "  <os><type arch='x86_64'>hvm</type><boot dev='hd'/></os>\n");
        x.append("  <features><acpi/><apic/>");
        if ("qemu".equals(domainType)) {
            x.append("<tcg><tb-cache unit='MiB'>").append(TCG_TB_CACHE_MIB).append("</tb-cache></tcg>");
        }
        x.append("</features>\n");
        x.append("  <clock offset='utc'/>\n");
        x.append("  <on_poweroff>destroy</on_poweroff>\n");
        x.append("  <on_reboot>restart</on_reboot>\n");
        x.append("  <on_crash>destroy</on_crash>\n");
        x.append("  <devices>\n");
        x.append("    <disk type='").append(diskType(spec.rootVolumePath())).append("' device='disk'>\n");
        x.append("      <driver name='qemu' type='").append(format(spec.rootVolumePath())).append("'/>\n");
        x.append(source(spec.rootVolumePath()));
        x.append("      <target dev='vda' bus='virtio'/>\n");
        x.append("    </disk>\n");
        for (DataDisk disk : VmSpecRules.dataDisks(spec)) {
            x.append(disk(disk));
        }
        x.append(cdrom(spec.cdromPath()));
        if (spec.configDrive() != null) {
            x.append(configDrive(spec.vmId()));
        }
        for (VmSpec.Nic nic : VmSpecRules.nics(spec)) {
            x.append("    <interface type='bridge'>\n");
            x.append("      <mac address='").append(esc(nic.mac())).append("'/>\n");
            x.append("      <source bridge='").append(esc(nic.bridge())).append("'/>\n");
            x.append("      <target dev='").append(esc(nic.device())).append("'/>\n");
            x.append("      <model type='virtio'/>\n");
            x.append("    </interface>\n");
        }
        x.append("    <serial type='pty'>\n");
        x.append("      <log file='").append(esc(spec.consoleLogPath())).append("' append='on'/>\n");
        x.append("      <target port='0'/>\n");
        x.append("    </serial>\n");
        x.append("    <console type='pty'><target type='serial' port='0'/></console>\n");
        // the graphical console (issue 13): VNC on the host's loopback only, reached through an SSH tunnel
        // (KvmConsoles)
        x.append("    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'>\n");
        x.append("      <listen type='address' address='127.0.0.1'/>\n");
        x.append("    </graphics>\n");
        x.append("    <video><model type='vga'/></video>\n");
        x.append("    <memballoon model='none'/>\n");
        x.append("  </devices>\n");
        x.append("</domain>\n");
        return x.toString();
    }

    /**
     * The {@code <disk>} element of a data disk, for the domain and for
     * {@code virsh attach-device}/{@code detach-device}. The disk is checked first ({@link VmSpecRules#checkDisk}).
     */
    static String disk(DataDisk disk) {
        VmSpecRules.checkDisk(disk);
        return "    <disk type='" + diskType(disk.path()) + "' device='disk'>\n"
                + "      <driver name='qemu' type='" + format(disk.path()) + "'/>\n" + source(disk.path())
                + "      <target dev='"
                + esc(disk.target()) + "' bus='virtio'/>\n" + "    </disk>\n";
    }

    /** The CD-ROM drive's target: IDE, which the default (i440fx) machine has; its media changes while the VM runs. */
    static final String CDROM_TARGET = "hdc";

    /** The {@code <disk>} element of the CD-ROM drive, with the ISO or empty ({@code isoPath} null). */
    static String cdrom(String isoPath) {
        if (isoPath != null) {
            VmSpecRules.checkIsoPath(isoPath);
        }
        return "    <disk type='" + (isoPath == null ? "file" : diskType(isoPath)) + "' device='cdrom'>\n"
                + "      <driver name='qemu' type='raw'/>\n" + (isoPath == null ? "" : source(isoPath))
                + "      <target dev='"
                + CDROM_TARGET + "' bus='ide'/>\n" + "      <readonly/>\n" + "    </disk>\n";
    }

    /** The config drive's CD-ROM target: the second IDE drive of the secondary channel. */
    static final String CONFIG_DRIVE_TARGET = "hdd";

    /** The {@code <disk>} element of the cloud-init config drive ({@link KvmConfigDrives}): a read-only CD-ROM. */
    static String configDrive(String vmId) {
        return "    <disk type='file' device='cdrom'>\n" + "      <driver name='qemu' type='raw'/>\n"
                + "      <source file='" + esc(KvmConfigDrives.path(vmId)) + "'/>\n" + "      <target dev='"
                + CONFIG_DRIVE_TARGET + "' bus='ide'/>\n" + "      <readonly/>\n" + "    </disk>\n";
    }

    /**
     * {@code network} for a file of an NFS export (qemu's own NFS client opens it) or an RBD image (librbd),
     * {@code file} otherwise.
     */
    static String diskType(String location) {
        return location.startsWith("nfs://") || RbdLocation.isRbd(location) || IscsiLocation.isIscsi(location)
                ? "network"
                : "file";
    }

    /** The format of a volume: RBD images (Ceph clones and snapshots them) and iSCSI LUNs are raw, files qcow2. */
    static String format(String location) {
        return RbdLocation.isRbd(location) || IscsiLocation.isIscsi(location) ? "raw" : "qcow2";
    }

    /**
     * The {@code <source>} of a disk: {@code file=} a path, or for {@code nfs://server/path} (checked before, see
     * {@link VmSpecRules#checkLocation}) {@code protocol='nfs'} with the path and the server, for {@code rbd://}
     * {@code protocol='rbd'} with the monitors and the cephx user's libvirt secret.
     */
    static String source(String location) {
        if (IscsiLocation.isIscsi(location)) {
            IscsiLocation lun = IscsiLocation.parse(location);
            return "      <source protocol='iscsi' name='" + esc(lun.sourceName()) + "'>\n" + "        <host name='"
                    + esc(lun.host()) + "' port='" + lun.port() + "'/>\n" + "      </source>\n";
        }
        if (RbdLocation.isRbd(location)) {
            RbdLocation rbd = RbdLocation.parse(location);
            StringBuilder b = new StringBuilder();
            b.append("      <auth username='").append(esc(rbd.user())).append("'>\n");
            b.append("        <secret type='ceph' uuid='").append(rbd.secretUuid()).append("'/>\n");
            b.append("      </auth>\n");
            b.append("      <source protocol='rbd' name='").append(esc(rbd.spec())).append("'>\n");
            for (RbdLocation.Monitor m : rbd.monitors()) {
                b.append("        <host name='").append(esc(m.host())).append("' port='").append(m.port())
                        .append("'/>\n");
            }
            return b.append("      </source>\n").toString();
        }
        if (location.startsWith("nfs://")) {
            int slash = location.indexOf('/', 6);
            return "      <source protocol='nfs' name='" + esc(location.substring(slash)) + "'>\n"
                    + "        <host name='" + esc(location.substring(6, slash)) + "'/>\n" + "      </source>\n";
        }
        return "      <source file='" + esc(location) + "'/>\n";
    }

    /** Checks every value of the spec and the domain type; the message names the first bad one. */
    static void validate(VmSpec spec, String domainType) {
        if (domainType == null || !DOMAIN_TYPE.matcher(domainType).matches()) {
            throw new IllegalArgumentException("domain type must be qemu or kvm, not " + domainType);
        }
        VmSpecRules.check(spec);
    }

    /**
     * The title as libvirt accepts it: one line (it refuses newlines), no control characters, at most 255 characters.
     */
    static String title(String name) {
        StringBuilder t = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                t.append(' ');
            } else if (isXmlChar(c)) {
                t.appendCodePoint(c);
            }
        });
        String s = t.toString().strip();
        return s.codePointCount(0, s.length()) <= MAX_TITLE ? s : s.substring(0, s.offsetByCodePoints(0, MAX_TITLE));
    }

    private static boolean isXmlChar(int c) {
        return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** XML-escapes text for element content and single- or double-quoted attributes. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\'' -> b.append("&apos;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
