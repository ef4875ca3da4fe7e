package io.nubis.driver.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.DataDisk;
import io.nubis.driver.VmSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The domain XML: what it holds, that every value is escaped, and that bad values never reach it. */
class DomainXmlTest {

    static final String VM_ID = "0a6d1c2e-7c1f-4b7e-9d7a-2f4c8e1b9a01";
    static final String ROOT = "/var/lib/nubis/volumes/0a6d1c2e/root.qcow2";
    static final String CONSOLE = "/var/lib/nubis/console/0a6d1c2e.log";
    static final String NIC_ID = "7c1f0a6d-1c2e-4b7e-9d7a-2f4c8e1b9a02";
    static final VmSpec.Nic NIC = new VmSpec.Nic(NIC_ID, "52:54:00:61:62:32", "nbr-1f2e3d4c");

    static VmSpec spec(String title, String root, List<VmSpec.Nic> nics) {
        return new VmSpec(VM_ID, title, 2, 512, root, nics, CONSOLE);
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String xpath(Document d, String expr) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(expr, d);
    }

    @Test
    void domainHoldsTheSpecUnderTheVmIdsName() throws Exception {
        VmSpec.Nic second = new VmSpec.Nic("e2a0b1c2-d3e4-4f50-8a1b-2c3d4e5f6a7b", "52:54:00:00:00:0a", "br_two");
        Document d = parse(DomainXml.build(spec("web-1", ROOT, List.of(NIC, second)), "qemu"));
        assertEquals("qemu", xpath(d, "/domain/@type"));
        assertEquals("nubis-" + VM_ID, xpath(d, "/domain/name"));
        assertEquals(VM_ID, xpath(d, "/domain/uuid"));
        assertEquals("web-1", xpath(d, "/domain/title"));
        assertEquals("512", xpath(d, "/domain/memory"));
        assertEquals("MiB", xpath(d, "/domain/memory/@unit"));
        assertEquals("2", xpath(d, "/domain/vcpu"));
        assertEquals("hvm", xpath(d, "/domain/os/type"));
        assertEquals("hd", xpath(d, "/domain/os/boot/@dev"));
        assertEquals("destroy", xpath(d, "/domain/on_crash"));
        assertEquals("32", xpath(d, "/domain/features/tcg/tb-cache"));
        assertEquals("qcow2", xpath(d, "/domain/devices/disk[1]/driver/@type"));
        assertEquals(ROOT, xpath(d, "/domain/devices/disk[1]/source/@file"));
        assertEquals("virtio", xpath(d, "/domain/devices/disk[1]/target/@bus"));
        NodeList nics = (NodeList) XPathFactory.newInstance().newXPath().evaluate("/domain/devices/interface", d,
                XPathConstants.NODESET);
        assertEquals(2, nics.getLength());
        assertEquals("52:54:00:61:62:32", xpath(d, "/domain/devices/interface[1]/mac/@address"));
        assertEquals("nbr-1f2e3d4c", xpath(d, "/domain/devices/interface[1]/source/@bridge"));
        assertEquals("bridge", xpath(d, "/domain/devices/interface[2]/@type"));
        assertEquals("br_two", xpath(d, "/domain/devices/interface[2]/source/@bridge"));
        // issue 6, layer-2 anti-spoofing: the tap device has the name the NIC's rules refer to
        assertEquals("nb7c1f0a6d1c2e", xpath(d, "/domain/devices/interface[1]/target/@dev"));
        assertEquals("nbe2a0b1c2d3e4", xpath(d, "/domain/devices/interface[2]/target/@dev"));
        assertEquals("virtio", xpath(d, "/domain/devices/interface[2]/model/@type"));
        assertEquals(CONSOLE, xpath(d, "/domain/devices/serial/log/@file"));
        assertEquals("on", xpath(d, "/domain/devices/serial/log/@append"));
        assertEquals("serial", xpath(d, "/domain/devices/console/target/@type"));
        // issue 13, the graphical console: VNC on the host's loopback only (reached through an SSH tunnel)
        assertEquals("vnc", xpath(d, "/domain/devices/graphics/@type"));
        assertEquals("127.0.0.1", xpath(d, "/domain/devices/graphics/@listen"));
        assertEquals("127.0.0.1", xpath(d, "/domain/devices/graphics/listen/@address"));
        assertEquals("1", xpath(d, "count(/domain/devices/graphics)"));
    }

    /**
     * Issue 13: a VM with cloud-init data gets its config drive as a second, read-only IDE CD-ROM, at the path made
     * from its id; the boot order does not change (the guest boots from its disk).
     */
    @Test
    void theConfigDriveIsASecondReadOnlyCdrom() throws Exception {
        Document d = parse(DomainXml.build(new VmSpec(VM_ID, "a", 1, 128, ROOT, List.of(), CONSOLE, List.of(), null,
                new io.nubis.driver.ConfigDrive("instance-id: x\n", "")), "qemu"));
        assertEquals("2", xpath(d, "count(/domain/devices/disk[@device='cdrom'])"));
        assertEquals("/var/lib/nubis/config-drive/" + VM_ID + ".iso",
                xpath(d, "/domain/devices/disk[@device='cdrom'][target/@dev='hdd']/source/@file"));
        assertEquals("1", xpath(d, "count(/domain/devices/disk[@device='cdrom'][target/@dev='hdd']/readonly)"));
        assertEquals("hd", xpath(d, "/domain/os/boot[1]/@dev"));
        Document none = parse(DomainXml.build(spec("a", ROOT, List.of()), "qemu"));
        assertEquals("1", xpath(none, "count(/domain/devices/disk[@device='cdrom'])"));
    }

    /** Issue 8: every domain has an IDE CD-ROM drive; with an ISO in it the VM boots from it first. */
    @Test
    void theCdromDriveIsEmptyOrHoldsTheIsoAndBootsFirst() throws Exception {
        Document empty = parse(DomainXml.build(spec("a", ROOT, List.of()), "qemu"));
        assertEquals("hdc", xpath(empty, "/domain/devices/disk[@device='cdrom']/target/@dev"));
        assertEquals("ide", xpath(empty, "/domain/devices/disk[@device='cdrom']/target/@bus"));
        assertEquals("", xpath(empty, "/domain/devices/disk[@device='cdrom']/source/@file"));
        assertEquals("1", xpath(empty, "count(/domain/devices/disk[@device='cdrom']/readonly)"));
        assertEquals("1", xpath(empty, "count(/domain/os/boot)"));
        String iso = "/var/lib/nubis/ps/images/0f0e0d0c-0b0a-4909-8807-060504030201.iso";
        Document withIso = parse(DomainXml.build(new VmSpec(VM_ID, "a", 1, 128, ROOT, List.of(), CONSOLE, List.of(),
                iso), "qemu"));
        assertEquals(iso, xpath(withIso, "/domain/devices/disk[@device='cdrom']/source/@file"));
        assertEquals("cdrom", xpath(withIso, "/domain/os/boot[1]/@dev"));
        assertEquals("hd", xpath(withIso, "/domain/os/boot[2]/@dev"));
        for (String bad : List.of("/var/lib/a b.iso", "/var/lib/../x.iso", "/x.iso'/><disk", "relative.iso")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DomainXml.build(
                    new VmSpec(VM_ID, "a", 1, 128, ROOT, List.of(), CONSOLE, List.of(), bad), "qemu"), bad);
            assertTrue(e.getMessage().contains("ISO path"), e.getMessage());
        }
    }

    @Test
    void kvmDomainsHaveNoTcgSettings() throws Exception {
        Document d = parse(DomainXml.build(spec("a", ROOT, List.of()), "kvm"));
        assertEquals("kvm", xpath(d, "/domain/@type"));
        assertEquals("0", xpath(d, "count(/domain/features/tcg)"));
        assertEquals("0", xpath(d, "count(/domain/devices/interface)"));
    }

    @Test
    void userNameIsEscapedAndOnlyInTheTitle() throws Exception {
        String hostile = "x$(touch /tmp/nubis-pwned);reboot</title><name>evil</name> & 'q' \"dq\" ]]>";
        String xml = DomainXml.build(spec(hostile, ROOT, List.of(NIC)), "qemu");
        Document d = parse(xml);
        assertEquals(hostile, xpath(d, "/domain/title"));
        assertEquals("nubis-" + VM_ID, xpath(d, "/domain/name"));
        assertEquals("1", xpath(d, "count(/domain/name)"));
        assertEquals(1, xml.split("touch /tmp/nubis-pwned", -1).length - 1, "the name appears once");
    }

    @Test
    void titleIsOneLineWithoutControlCharacters() throws Exception {
        Document d = parse(DomainXml.build(spec("two\nlines\tand\u0001bell\uFFFF", ROOT, List.of()), "qemu"));
        assertEquals("two lines and bell", xpath(d, "/domain/title"));
        assertEquals("0", xpath(parse(DomainXml.build(spec(" \n ", ROOT, List.of()), "qemu")), "count(//title)"));
        assertEquals("0", xpath(parse(DomainXml.build(spec(null, ROOT, List.of()), "qemu")), "count(//title)"));
        assertEquals(255, DomainXml.title("é".repeat(300)).length());
    }

    @Test
    void badMacsAreRefused() {
        for (String mac : List.of("52:54:00:61:62:3G", "52:54:00:61:62:3", "52:54:00:61:62:32:00", "52-54-00-61-62-32",
                "52:54:00:61:62:3A", "52:54:00:61:62:32'/><x a='", "52:54:00:61:62:32\n", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DomainXml.build(spec("a", ROOT, List.of(new VmSpec.Nic(NIC_ID, mac, "br0"))), "qemu"), mac);
            assertTrue(e.getMessage().contains("MAC"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> DomainXml.build(spec("a", ROOT, List.of(new VmSpec.Nic(NIC_ID, null, "br0"))), "qemu"));
    }

    /** Issue 6, layer-2 anti-spoofing: a NIC's tap name comes from its id, so a bad id never reaches the XML. */
    @Test
    void badNicIdsAndSharedTapNamesAreRefused() {
        for (String id : List.of("7C1F0A6D-1C2E-4B7E-9D7A-2F4C8E1B9A02", "7c1f0a6d", "x'/><target dev='vnet0",
                "../../7c1f0a6d-1c2e-4b7e-9d7a-2f4c8e1b9a0", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DomainXml.build(
                    spec("a", ROOT, List.of(new VmSpec.Nic(id, "52:54:00:61:62:32", "br0"))), "qemu"), id);
            assertTrue(e.getMessage().contains("NIC id"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> DomainXml.build(spec("a", ROOT, List.of(new VmSpec.Nic(null, "52:54:00:61:62:32", "br0"))),
                        "qemu"));
        // the first 12 hex digits decide the name: two NICs of one VM that share them would share a tap
        VmSpec.Nic twin = new VmSpec.Nic("7c1f0a6d-1c2e-4fff-8fff-ffffffffffff", "52:54:00:61:62:33", "br0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DomainXml.build(spec("a", ROOT, List.of(NIC, twin)), "qemu"));
        assertTrue(e.getMessage().contains("nb7c1f0a6d1c2e"), e.getMessage());
    }

    @Test
    void badBridgesAreRefused() {
        for (String bridge : List.of("Br0", "0br", "br0123456789abcd", "br 0", "br0;reboot", "br0'", "", "-br",
                "br.0", "br/0")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DomainXml.build(
                    spec("a", ROOT, List.of(new VmSpec.Nic(NIC_ID, "52:54:00:61:62:32", bridge))), "qemu"), bridge);
            assertTrue(e.getMessage().contains("bridge"), e.getMessage());
        }
        DomainXml.build(spec("a", ROOT, List.of(new VmSpec.Nic(NIC_ID, "52:54:00:61:62:32", "br0123456789abc"))),
                "qemu");
    }

    @Test
    void badPathsAreRefused() {
        for (String path : List.of("relative/root.qcow2", "/var/lib/a b.qcow2", "/var/lib/../etc/shadow",
                "/var/lib/./a", "/var//lib/a", "/var/lib/a'", "/var/lib/$(reboot)", "/var/lib/a;b", "/", "/var/lib/",
                "/var/lib/日本")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DomainXml.build(spec("a", path, List.of()), "qemu"), path);
            assertTrue(e.getMessage().contains("root volume path"), e.getMessage());
        }
        IllegalArgumentException console = assertThrows(IllegalArgumentException.class, () -> DomainXml
                .build(new VmSpec(VM_ID, "a", 1, 128, ROOT, List.of(), "/tmp/x.log\n<evil/>"), "qemu"));
        assertTrue(console.getMessage().contains("console log path"), console.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DomainXml.build(spec("a", null, List.of()), "qemu"));
    }

    @Test
    void badIdsSizesAndTypesAreRefused() {
        for (String id : List.of("0A6D1C2E-7C1F-4B7E-9D7A-2F4C8E1B9A01", "x; reboot",
                "0a6d1c2e7c1f4b7e9d7a2f4c8e1b9a01",
                "")) {
            assertThrows(IllegalArgumentException.class,
                    () -> DomainXml.build(new VmSpec(id, "a", 1, 128, ROOT, List.of(), CONSOLE), "qemu"), id);
        }
        assertThrows(IllegalArgumentException.class,
                () -> DomainXml.build(new VmSpec(VM_ID, "a", 0, 128, ROOT, List.of(), CONSOLE), "qemu"));
        assertThrows(IllegalArgumentException.class,
                () -> DomainXml.build(new VmSpec(VM_ID, "a", 1, 8, ROOT, List.of(), CONSOLE), "qemu"));
        assertThrows(IllegalArgumentException.class, () -> DomainXml.build(spec("a", ROOT, List.of()), "xen"));
        assertThrows(IllegalArgumentException.class, () -> DomainXml.build(spec("a", ROOT, List.of()), "qemu'"));
        assertThrows(IllegalArgumentException.class, () -> DomainXml.build(null, "qemu"));
    }

    @Test
    void domainNamesBelongToNubisOnlyWithAUuid() {
        assertEquals(VM_ID, DomainNames.vmIdOf("nubis-" + VM_ID));
        assertNull(DomainNames.vmIdOf("nubis-smoke"));
        assertNull(DomainNames.vmIdOf("lab-" + VM_ID));
        assertNull(DomainNames.vmIdOf(VM_ID));
        assertNull(DomainNames.vmIdOf("nubis-" + VM_ID.toUpperCase()));
    }

    /** Issue 8: data disks follow the root disk at their device index; bad ones are refused before any XML. */
    @Test
    void dataDisksAreVirtioDisksAtTheirDeviceIndex() throws Exception {
        VmSpec spec = new VmSpec(VM_ID, "d", 1, 256, ROOT, List.of(), CONSOLE,
                List.of(new DataDisk("/var/lib/nubis/ps/volumes/data-1.qcow2", 1),
                        new DataDisk("/var/lib/nubis/ps/volumes/data-3.qcow2", 3)));
        Document d = parse(DomainXml.build(spec, "qemu"));
        assertEquals("3", xpath(d, "count(/domain/devices/disk[@device='disk'])"));
        assertEquals("vda", xpath(d, "/domain/devices/disk[1]/target/@dev"));
        assertEquals("vdb", xpath(d, "/domain/devices/disk[2]/target/@dev"));
        assertEquals("/var/lib/nubis/ps/volumes/data-1.qcow2", xpath(d, "/domain/devices/disk[2]/source/@file"));
        assertEquals("vdd", xpath(d, "/domain/devices/disk[3]/target/@dev"));
        assertEquals("virtio", xpath(d, "/domain/devices/disk[3]/target/@bus"));
        for (DataDisk bad : List.of(new DataDisk("/v/x.qcow2", 0), new DataDisk("/v/x.qcow2", 9),
                new DataDisk("/v/../etc/shadow", 1), new DataDisk("/v/x';reboot;'.qcow2", 1), new DataDisk(ROOT, 2))) {
            assertThrows(IllegalArgumentException.class, () -> DomainXml.build(new VmSpec(VM_ID, "d", 1, 256, ROOT,
                    List.of(), CONSOLE, List.of(bad)), "qemu"), bad.toString());
        }
        assertThrows(IllegalArgumentException.class,
                () -> DomainXml.build(new VmSpec(VM_ID, "d", 1, 256, ROOT, List.of(), CONSOLE,
                        List.of(new DataDisk("/v/a.qcow2", 1), new DataDisk("/v/b.qcow2", 1))), "qemu"));
    }

    /**
     * Issue 12: a volume on an NFS export is a network disk qemu opens itself; a bad location never reaches the XML.
     */
    @Test
    void volumesOnAnNfsExportAreNetworkDisks() throws Exception {
        String root = "nfs://10.61.0.1/srv/nubis/volumes/0a6d1c2e.qcow2";
        VmSpec spec = new VmSpec(VM_ID, "web", 1, 256, root, List.of(NIC), CONSOLE,
                List.of(new DataDisk("nfs://nas.example.org/srv/nubis/volumes/data.qcow2", 1)));
        Document d = parse(DomainXml.build(spec, "qemu"));
        assertEquals("network", xpath(d, "/domain/devices/disk[1]/@type"));
        assertEquals("nfs", xpath(d, "/domain/devices/disk[1]/source/@protocol"));
        assertEquals("/srv/nubis/volumes/0a6d1c2e.qcow2", xpath(d, "/domain/devices/disk[1]/source/@name"));
        assertEquals("10.61.0.1", xpath(d, "/domain/devices/disk[1]/source/host/@name"));
        assertEquals("nas.example.org", xpath(d, "/domain/devices/disk[2]/source/host/@name"));
        assertEquals("vdb", xpath(d, "/domain/devices/disk[2]/target/@dev"));
        for (String bad : List.of("nfs://10.61.0.1/srv/../etc/shadow", "nfs://bad host/srv/x.qcow2",
                "nfs://h'/><x/srv/x.qcow2", "nfs://10.61.0.1", "nfs:///srv/x.qcow2", "nfs://-x/srv/x.qcow2")) {
            assertThrows(IllegalArgumentException.class,
                    () -> DomainXml.build(new VmSpec(VM_ID, "web", 1, 256, bad, List.of(NIC), CONSOLE), "qemu"), bad);
        }
    }

    @Test
    void nfsLocationsAreSplitIntoServerFolderAndNameOrRefused() throws Exception {
        KvmNfs.Location l = KvmNfs.parse("nfs://10.61.0.1/srv/nubis/images/i.qcow2");
        assertEquals(new KvmNfs.Location("10.61.0.1", "/srv/nubis/images", "i.qcow2"), l);
        assertEquals("nfs://10.61.0.1/srv/nubis/images/i.qcow2", l.url());
        for (String bad : List.of("/srv/x", "nfs://10.61.0.1/", "nfs://10.61.0.1/x/", "nfs://10.61.0.1/a/../b",
                "nfs://10.61.0.1//a", "nfs://a b/x", "nfs://x;reboot/a/b", "nfs://10.61.0.1/a b")) {
            assertThrows(io.nubis.driver.DriverException.class, () -> KvmNfs.parse(bad), bad);
        }
    }

    /**
     * Issue 12: an RBD image is a network disk with the monitors and the cephx user's libvirt secret (the same uuid on
     * every host, the key never in the XML); raw, since Ceph clones it. Bad locations never reach the XML.
     */
    @Test
    void rbdImagesAreNetworkDisksWithTheirMonitorsAndSecret() throws Exception {
        String root = "rbd://nubis@10.61.0.1,mon2.example.org:3300/pool1/volumes/0a6d1c2e.raw";
        VmSpec spec = new VmSpec(VM_ID, "web", 1, 256, root, List.of(NIC), CONSOLE,
                List.of(new DataDisk("rbd://nubis@10.61.0.1,mon2.example.org:3300/pool1/volumes/data.raw", 1)));
        Document d = parse(DomainXml.build(spec, "qemu"));
        assertEquals("network", xpath(d, "/domain/devices/disk[1]/@type"));
        assertEquals("raw", xpath(d, "/domain/devices/disk[1]/driver/@type"));
        assertEquals("rbd", xpath(d, "/domain/devices/disk[1]/source/@protocol"));
        assertEquals("pool1/volumes-0a6d1c2e.raw", xpath(d, "/domain/devices/disk[1]/source/@name"));
        assertEquals("10.61.0.1", xpath(d, "/domain/devices/disk[1]/source/host[1]/@name"));
        assertEquals("6789", xpath(d, "/domain/devices/disk[1]/source/host[1]/@port"));
        assertEquals("mon2.example.org", xpath(d, "/domain/devices/disk[1]/source/host[2]/@name"));
        assertEquals("3300", xpath(d, "/domain/devices/disk[1]/source/host[2]/@port"));
        assertEquals("nubis", xpath(d, "/domain/devices/disk[1]/auth/@username"));
        String uuid = io.nubis.driver.RbdLocation.parse(root).secretUuid();
        assertEquals(uuid, xpath(d, "/domain/devices/disk[1]/auth/secret/@uuid"));
        assertEquals(uuid, xpath(d, "/domain/devices/disk[2]/auth/secret/@uuid"), "one secret per user and cluster");
        assertEquals("pool1/volumes-data.raw", xpath(d, "/domain/devices/disk[2]/source/@name"));
        for (String bad : List.of("rbd://nubis@10.61.0.1/pool1", "rbd://nubis@10.61.0.1/pool1/a/b/c",
                "rbd://nu bis@10.61.0.1/p/v/x.raw", "rbd://nubis@h'/><x/p/v/x.raw", "rbd://nubis@10.61.0.1:99999/p/v/x",
                "rbd://@10.61.0.1/p/v/x", "rbd://nubis@10.61.0.1/p@s/v/x", "rbd://nubis@10.61.0.1/p/../x",
                "rbd://nubis@/p/v/x", "rbd://nubis@10.61.0.1/p/v/-x")) {
            assertThrows(IllegalArgumentException.class,
                    () -> DomainXml.build(new VmSpec(VM_ID, "web", 1, 256, bad, List.of(NIC), CONSOLE), "qemu"), bad);
        }
    }

    /**
     * Issue 12: an iSCSI volume is a whole LUN opened by qemu's own initiator: a raw network disk naming the target and
     * the LUN at the portal. Bad locations (a target without a LUN, quotes, a bad IQN or port) never reach the XML.
     */
    @Test
    void iscsiLunsAreRawNetworkDisksAtTheirPortal() throws Exception {
        String root = "iscsi://10.61.0.1/iqn.2026-12.test.nubis:storage-1/5";
        VmSpec spec = new VmSpec(VM_ID, "web", 1, 256, root, List.of(NIC), CONSOLE,
                List.of(new DataDisk("iscsi://san.example.org:3261/iqn.2026-12.test.nubis:storage-1/12", 1)));
        Document d = parse(DomainXml.build(spec, "qemu"));
        assertEquals("network", xpath(d, "/domain/devices/disk[1]/@type"));
        assertEquals("raw", xpath(d, "/domain/devices/disk[1]/driver/@type"));
        assertEquals("iscsi", xpath(d, "/domain/devices/disk[1]/source/@protocol"));
        assertEquals("iqn.2026-12.test.nubis:storage-1/5", xpath(d, "/domain/devices/disk[1]/source/@name"));
        assertEquals("10.61.0.1", xpath(d, "/domain/devices/disk[1]/source/host/@name"));
        assertEquals("3260", xpath(d, "/domain/devices/disk[1]/source/host/@port"));
        assertEquals("iqn.2026-12.test.nubis:storage-1/12", xpath(d, "/domain/devices/disk[2]/source/@name"));
        assertEquals("san.example.org", xpath(d, "/domain/devices/disk[2]/source/host/@name"));
        assertEquals("3261", xpath(d, "/domain/devices/disk[2]/source/host/@port"));
        for (String bad : List.of("iscsi://10.61.0.1/iqn.2026-12.test.nubis:s", "iscsi://10.61.0.1/iqn.2026-12.t/5/6",
                "iscsi://10.61.0.1/iqn.2026-12.t'/><x/5", "iscsi://10.61.0.1:0/iqn.2026-12.t/5",
                "iscsi://h;reboot/iqn.2026-12.t/5", "iscsi://10.61.0.1/iqn.2026-12.t/-1",
                "iscsi://10.61.0.1/iqn.2026-12.t/16384", "iscsi:///iqn.2026-12.t/1", "iscsi://10.61.0.1/IQN.x/1")) {
            assertThrows(IllegalArgumentException.class,
                    () -> DomainXml.build(new VmSpec(VM_ID, "web", 1, 256, bad, List.of(NIC), CONSOLE), "qemu"), bad);
        }
    }
}
