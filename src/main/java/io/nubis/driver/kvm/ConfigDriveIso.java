package io.nubis.driver.kvm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a small ISO 9660 image with files in its root folder: the NoCloud config drive (volume label {@code cidata},
 * files {@code meta-data} and {@code user-data}) that cloud-init reads at boot (issue 13). Built here rather than on
 * the host, so hosts need no ISO tool (genisoimage). Plain ISO 9660 without Rock Ridge or Joliet: the names are written
 * as given (lower case, with a hyphen, no {@code ;1} version, like {@code genisoimage -relaxed-filenames
 * -allow-lowercase -omit-version-number}), which Linux shows unchanged. Layout: 16 empty system sectors, the primary
 * volume descriptor (16), the terminator (17), the path tables (18 little-endian, 19 big-endian), the root folder (20),
 * then each file from sector 21 on.
 */
final class ConfigDriveIso {

    static final String LABEL = "cidata";
    private static final int SECTOR = 2048;
    private static final int ROOT = 20;
    private static final int MAX_NAME = 30;

    private ConfigDriveIso() {
    }

    /** The ISO image holding {@code files} (name to content) in its root folder, names sorted as ISO 9660 asks. */
    static byte[] build(String label, Map<String, byte[]> files) {
        Map<String, byte[]> sorted = new LinkedHashMap<>();
        files.keySet().stream().sorted().forEach(n -> {
            if (!n.matches("[a-z0-9][a-z0-9._-]{0," + (MAX_NAME - 1) + "}")) {
                throw new IllegalArgumentException("file name not allowed on the config drive: " + n);
            }
            sorted.put(n, files.get(n));
        });
        if (!label.matches("[a-z0-9_]{1,32}")) {
            throw new IllegalArgumentException("volume label not allowed: " + label);
        }
        int next = ROOT + 1;
        Map<String, Integer> extents = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : sorted.entrySet()) {
            extents.put(f.getKey(), next);
            next += Math.max(1, sectors(f.getValue().length));
        }
        int total = next;
        byte[] date = recordDate();
        ByteBuffer iso = ByteBuffer.allocate(total * SECTOR).order(ByteOrder.LITTLE_ENDIAN);

        // primary volume descriptor
        int p = 16 * SECTOR;
        iso.put(p, (byte) 1);
        put(iso, p + 1, "CD001");
        iso.put(p + 6, (byte) 1);
        pad(iso, p + 8, 32, "LINUX");
        pad(iso, p + 40, 32, label);
        both32(iso, p + 80, total);
        both16(iso, p + 120, 1);
        both16(iso, p + 124, 1);
        both16(iso, p + 128, SECTOR);
        both32(iso, p + 132, 10);
        iso.order(ByteOrder.LITTLE_ENDIAN).putInt(p + 140, 18);
        iso.order(ByteOrder.BIG_ENDIAN).putInt(p + 148, 19);
        iso.order(ByteOrder.LITTLE_ENDIAN);
        dirRecord(iso, p + 156, ROOT, SECTOR, true, new byte[]{0}, date);
        pad(iso, p + 190, 128, "");
        pad(iso, p + 318, 128, "");
        pad(iso, p + 446, 128, "");
        pad(iso, p + 574, 128, "NUBIS");
        pad(iso, p + 702, 37 * 3, "");
        String stamp = volumeDate();
        for (int off : new int[]{813, 830, 864}) {
            put(iso, p + off, stamp);
            iso.put(p + off + 16, (byte) 0);
        }
        put(iso, p + 847, "0000000000000000");
        iso.put(p + 881, (byte) 1);

        // terminator
        int t = 17 * SECTOR;
        iso.put(t, (byte) 255);
        put(iso, t + 1, "CD001");
        iso.put(t + 6, (byte) 1);

        // path tables: the root folder only (name length 1, parent 1)
        iso.put(18 * SECTOR, (byte) 1);
        iso.order(ByteOrder.LITTLE_ENDIAN).putInt(18 * SECTOR + 2, ROOT).putShort(18 * SECTOR + 6, (short) 1);
        iso.put(19 * SECTOR, (byte) 1);
        iso.order(ByteOrder.BIG_ENDIAN).putInt(19 * SECTOR + 2, ROOT).putShort(19 * SECTOR + 6, (short) 1);
        iso.order(ByteOrder.LITTLE_ENDIAN);

        // root folder: ".", "..", then the files
        int d = ROOT * SECTOR;
        d += dirRecord(iso, d, ROOT, SECTOR, true, new byte[]{0}, date);
        d += dirRecord(iso, d, ROOT, SECTOR, true, new byte[]{1}, date);
        for (Map.Entry<String, byte[]> f : sorted.entrySet()) {
            d += dirRecord(iso, d, extents.get(f.getKey()), f.getValue().length, false,
                    f.getKey().getBytes(StandardCharsets.US_ASCII), date);
            if (d > (ROOT + 1) * SECTOR) {
                throw new IllegalArgumentException("too many files for one folder sector");
            }
            iso.put(extents.get(f.getKey()) * SECTOR, f.getValue());
        }
        return iso.array();
    }

    /** The NoCloud config drive: {@code meta-data} and {@code user-data}. */
    static byte[] noCloud(String metaData, String userData) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("meta-data", metaData.getBytes(StandardCharsets.UTF_8));
        files.put("user-data", userData.getBytes(StandardCharsets.UTF_8));
        return build(LABEL, files);
    }

    private static int sectors(long bytes) {
        return (int) ((bytes + SECTOR - 1) / SECTOR);
    }

    private static int dirRecord(ByteBuffer b, int at, int extent, int length, boolean dir, byte[] name,
            byte[] date) {
        int len = 33 + name.length + (name.length % 2 == 0 ? 1 : 0);
        b.put(at, (byte) len);
        both32(b, at + 2, extent);
        both32(b, at + 10, length);
        b.put(at + 18, date);
        b.put(at + 25, (byte) (dir ? 2 : 0));
        both16(b, at + 28, 1);
        b.put(at + 32, (byte) name.length);
        b.put(at + 33, name);
        return len;
    }

    private static void both32(ByteBuffer b, int at, int v) {
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
        b.order(ByteOrder.BIG_ENDIAN).putInt(at + 4, v);
        b.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void both16(ByteBuffer b, int at, int v) {
        b.order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) v);
        b.order(ByteOrder.BIG_ENDIAN).putShort(at + 2, (short) v);
        b.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void put(ByteBuffer b, int at, String ascii) {
        b.put(at, ascii.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code text} space-padded to {@code width}. */
    private static void pad(ByteBuffer b, int at, int width, String text) {
        String s = text.length() > width ? text.substring(0, width) : text;
        put(b, at, s + " ".repeat(width - s.length()));
    }

    private static byte[] recordDate() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return new byte[]{(byte) (now.getYear() - 1900), (byte) now.getMonthValue(), (byte) now.getDayOfMonth(),
                (byte) now.getHour(), (byte) now.getMinute(), (byte) now.getSecond(), 0};
    }

    private static String volumeDate() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return String.format("%04d%02d%02d%02d%02d%02d00", now.getYear(), now.getMonthValue(), now.getDayOfMonth(),
                now.getHour(), now.getMinute(), now.getSecond());
    }
}
