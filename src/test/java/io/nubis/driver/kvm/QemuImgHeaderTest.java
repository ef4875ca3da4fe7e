package io.nubis.driver.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The qcow2 header check that runs before any image tool opens an imported file. */
class QemuImgHeaderTest {

    static byte[] qcow2(int version, long backingOffset, long incompatible) {
        ByteBuffer b = ByteBuffer.allocate(QemuImg.HEADER_BYTES);
        b.put(new byte[]{'Q', 'F', 'I', (byte) 0xfb}).putInt(version).putLong(backingOffset);
        b.putLong(72, incompatible);
        return b.array();
    }

    @Test
    void selfContainedQcow2IsAccepted() {
        QemuImg.Header h = QemuImg.header(qcow2(3, 0, 0));
        assertTrue(h.qcow2());
        assertFalse(h.backingFile() || h.externalDataFile());
    }

    @Test
    void backingFileAndExternalDataFileAreSeen() {
        assertTrue(QemuImg.header(qcow2(3, 0x200, 0)).backingFile());
        assertTrue(QemuImg.header(qcow2(2, 0x200, 0)).backingFile());
        assertTrue(QemuImg.header(qcow2(3, 0, 0x4)).externalDataFile());
        assertFalse(QemuImg.header(qcow2(2, 0, 0x4)).externalDataFile(), "version 2 has no feature bits");
    }

    @Test
    void anythingElseIsNotQcow2() {
        assertFalse(QemuImg.header(new byte[80]).qcow2());
        assertFalse(QemuImg.header(new byte[]{'Q', 'F', 'I'}).qcow2(), "a 3-byte file");
        assertEquals(3, QemuImg.parseHex(" 51 46 49\n").length);
        assertEquals((byte) 0xfb, QemuImg.parseHex("fb")[0]);
        assertEquals(0, QemuImg.parseHex("").length);
    }
}
