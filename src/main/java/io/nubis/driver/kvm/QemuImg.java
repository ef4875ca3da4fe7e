package io.nubis.driver.kvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code qemu-img info --output=json} on a machine, plus the ISO 9660 check qemu-img does not do (it reports ISO files
 * as raw): the signature {@code CD001} at byte offset 32769.
 */
public final class QemuImg {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int ISO_SIGNATURE_OFFSET = 32769;

    private QemuImg() {
    }

    /** What qemu-img says about a file. */
    public record Info(String format, long virtualSize, long actualSize, String backingFile) {
    }

    public static Info info(SshPool ssh, HostEndpoint ep, String path) throws DriverException {
        return info(ssh, ep, path, null);
    }

    /**
     * {@code qemu-img info} with the format given ({@code -f}, no probing: probing would let a crafted file pose as a
     * format whose metadata names other files, e.g. VMDK extents), or probed when {@code format} is null.
     */
    public static Info info(SshPool ssh, HostEndpoint ep, String path, String format) throws DriverException {
        RemoteCommand cmd = format == null
                ? RemoteCommand.of("qemu-img", "info", "--output=json", "--", path)
                : RemoteCommand.of("qemu-img", "info", "-f", format, "--output=json", "--", path);
        ExecResult r = KvmCommands.check(ssh, ep, "inspecting " + path, cmd.withTimeout(Duration.ofMinutes(2)));
        try {
            JsonNode n = JSON.readTree(r.stdout());
            String backing = n.hasNonNull("full-backing-filename")
                    ? n.get("full-backing-filename").asText()
                    : n.hasNonNull("backing-filename") ? n.get("backing-filename").asText() : null;
            return new Info(n.path("format").asText(null), n.path("virtual-size").asLong(-1),
                    n.path("actual-size").asLong(-1), backing);
        } catch (IOException e) {
            throw new DriverException("unexpected qemu-img output on " + ep.address() + ": " + r.describe());
        }
    }

    /**
     * What a file's first bytes say, read without any image tool: whether it is a qcow2 image and, if so, whether it
     * names a backing file or an external data file (both would make a later reader open another file on the machine).
     */
    public record Header(boolean qcow2, boolean backingFile, boolean externalDataFile) {
    }

    /** Bytes of a qcow2 header read: up to and including the incompatible-features field (offset 72, 8 bytes). */
    static final int HEADER_BYTES = 80;

    public static Header header(SshPool ssh, HostEndpoint ep, String path) throws DriverException {
        ExecResult r = KvmCommands.check(ssh, ep, "reading the header of " + path,
                RemoteCommand.of("od", "-An", "-v", "-tx1", "-N", Integer.toString(HEADER_BYTES), "--", path));
        return header(parseHex(r.stdout()));
    }

    /** Decodes a file's first bytes ({@link #HEADER_BYTES} or fewer for a small file). */
    static Header header(byte[] b) {
        boolean qcow2 = b.length >= 16 && (b[0] & 0xff) == 'Q' && (b[1] & 0xff) == 'F' && (b[2] & 0xff) == 'I'
                && (b[3] & 0xff) == 0xfb;
        if (!qcow2) {
            return new Header(false, false, false);
        }
        long version = readLong(b, 4, 4);
        boolean backing = readLong(b, 8, 8) != 0;
        // version 3 headers carry incompatible feature bits at offset 72; bit 2 is "external data file"
        boolean dataFile = version >= 3 && b.length >= 80 && (readLong(b, 72, 8) & 0x4) != 0;
        return new Header(true, backing, dataFile);
    }

    private static long readLong(byte[] b, int offset, int length) {
        long v = 0;
        for (int i = offset; i < offset + length; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    static byte[] parseHex(String od) {
        String[] tokens = od.trim().isEmpty() ? new String[0] : od.trim().split("\\s+");
        byte[] out = new byte[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = (byte) Integer.parseInt(tokens[i], 16);
        }
        return out;
    }

    /** True when the file carries the ISO 9660 signature. */
    public static boolean isIso(SshPool ssh, HostEndpoint ep, String path) throws DriverException {
        ExecResult r = KvmCommands.check(ssh, ep, "reading the ISO signature of " + path,
                RemoteCommand.of("dd", "if=" + path, "bs=1", "skip=" + ISO_SIGNATURE_OFFSET, "count=5",
                        "status=none"));
        return r.stdout().equals("CD001");
    }

    /** Size of a file in bytes ({@code stat -c %s}). */
    public static long fileSize(SshPool ssh, HostEndpoint ep, String path) throws DriverException {
        ExecResult r = KvmCommands.check(ssh, ep, "reading the size of " + path,
                RemoteCommand.of("stat", "-c", "%s", "--", path));
        try {
            return Long.parseLong(r.stdout().strip());
        } catch (NumberFormatException e) {
            throw new DriverException("unexpected stat output on " + ep.address() + ": " + r.describe());
        }
    }
}
