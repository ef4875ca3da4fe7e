package io.nubis.driver.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Image formats as a real store tells them apart: qcow2 by its magic {@code QFI\xfb} (virtual size at offset 24), ISO
 * 9660 by {@code CD001} at offset 32769, anything else raw. Also makes small synthetic images for URL imports.
 */
final class SimulatedImages {

    static final int ISO_OFFSET = 32769;
    private static final byte[] QCOW2_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};
    private static final long SYNTHETIC_VIRTUAL_SIZE = 1L << 30;

    private SimulatedImages() {
    }

    static String detect(byte[] b) {
        if (b.length >= 32 && b[0] == QCOW2_MAGIC[0] && b[1] == QCOW2_MAGIC[1] && b[2] == QCOW2_MAGIC[2]
                && b[3] == QCOW2_MAGIC[3]) {
            return "qcow2";
        }
        if (b.length >= ISO_OFFSET + 5
                && new String(b, ISO_OFFSET, 5, StandardCharsets.US_ASCII).equals("CD001")) {
            return "iso";
        }
        return "raw";
    }

    static long virtualSize(byte[] b, String format) {
        return "qcow2".equals(format) ? ByteBuffer.wrap(b, 24, 8).getLong() : b.length;
    }

    /** A small qcow2 image (header only) of the given virtual size; {@code seed} makes its bytes its own. */
    static byte[] qcow2(long virtualSize, String seed) {
        byte[] b = new byte[4096];
        System.arraycopy(QCOW2_MAGIC, 0, b, 0, 4);
        ByteBuffer.wrap(b, 4, 4).putInt(3);
        ByteBuffer.wrap(b, 24, 8).putLong(virtualSize);
        byte[] s = sha256(seed).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, b, 512, s.length);
        return b;
    }

    /** A small image whose format follows the URL's extension (.qcow2, .iso, anything else raw). */
    static byte[] synthetic(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        byte[] seed = sha256(url).getBytes(StandardCharsets.US_ASCII);
        if (u.endsWith(".qcow2")) {
            byte[] b = new byte[4096];
            System.arraycopy(QCOW2_MAGIC, 0, b, 0, 4);
            ByteBuffer.wrap(b, 4, 4).putInt(3);
            ByteBuffer.wrap(b, 24, 8).putLong(SYNTHETIC_VIRTUAL_SIZE);
            System.arraycopy(seed, 0, b, 512, seed.length);
            return b;
        }
        byte[] b = new byte[u.endsWith(".iso") ? 64 * 1024 : 1024 * 1024];
        if (u.endsWith(".iso")) {
            System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, b, ISO_OFFSET, 5);
        }
        System.arraycopy(seed, 0, b, 0, seed.length);
        return b;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }
}
