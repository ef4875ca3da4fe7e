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
        ExecResult r = KvmCommands.check(ssh, ep, "inspecting " + path,
                RemoteCommand.of("qemu-img", "info", "--output=json", path).withTimeout(Duration.ofMinutes(2)));
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
