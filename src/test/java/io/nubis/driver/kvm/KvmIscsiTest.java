package io.nubis.driver.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nubis.driver.IscsiLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12: what hosts' {@code iscsi-ls -s} output says about a target, and the iSCSI locations Nubis builds. */
class KvmIscsiTest {

    private static final String LISTING = """
            Target:iqn.2026-12.test.nubis:other Portal:10.61.0.1:3260,1
            Lun:0    Type:STORAGE_ARRAY_CONTROLLER
            Lun:1    Type:DIRECT_ACCESS (Size:63M)
            Target:iqn.2026-12.test.nubis:storage-1 Portal:10.61.0.1:3260,1
            Lun:0    Type:STORAGE_ARRAY_CONTROLLER
            Lun:1    Type:DIRECT_ACCESS (Size:511M)
            Lun:2    Type:SEQUENTIAL_ACCESS (Size:1G)
            Lun:5    Type:DIRECT_ACCESS (Size:255M)
            """;

    @Test
    void onlyTheDiskLunsOfTheNamedTargetCount() {
        assertEquals(List.of(1, 5), KvmIscsi.lunsOf(LISTING, "iqn.2026-12.test.nubis:storage-1"));
        assertEquals(List.of(1), KvmIscsi.lunsOf(LISTING, "iqn.2026-12.test.nubis:other"));
        assertNull(KvmIscsi.lunsOf(LISTING, "iqn.2026-12.test.nubis:storage"), "a prefix is another target");
        assertEquals(List.of(),
                KvmIscsi.lunsOf("Target:iqn.2026-12.a:b Portal:x\nLun:0 Type:STORAGE_ARRAY_CONTROLLER\n",
                        "iqn.2026-12.a:b"));
    }

    @Test
    void locationsAreCanonicalAndTheUrlNamesThePort() {
        IscsiLocation root = IscsiLocation.parse(
                IscsiLocation.root(IscsiLocation.portal(" SAN.Example.org "), "iqn.2026-12.org.example:t1"));
        assertEquals("iscsi://san.example.org/iqn.2026-12.org.example:t1", root.toString());
        assertEquals("iscsi://san.example.org/iqn.2026-12.org.example:t1/7", root.withLun(7).toString());
        assertEquals("iscsi://san.example.org:3260/iqn.2026-12.org.example:t1/7", root.withLun(7).url());
        assertEquals("iqn.2026-12.org.example:t1/7", root.withLun(7).sourceName());
        assertEquals("10.0.0.1:3261", IscsiLocation.portal("10.0.0.1:3261").toString());
        assertEquals("eui.0123456789ABCDEF", IscsiLocation.parse("iscsi://h/eui.0123456789ABCDEF/0").iqn());
    }
}
