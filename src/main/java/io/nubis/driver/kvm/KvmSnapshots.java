package io.nubis.driver.kvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.IscsiLocation;
import io.nubis.driver.RbdLocation;
import io.nubis.driver.VolumeInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Internal qcow2 snapshots of a volume file (issue 8), for {@link KvmStorageDriver}. A volume that a running VM has
 * open is snapshotted inside that VM's qemu (QMP {@code blockdev-snapshot-internal-sync} and
 * {@code blockdev-snapshot-delete-internal-sync} through {@code virsh qemu-monitor-command}; qemu drains the disk's I/O
 * for the moment it takes: a crash-consistent snapshot); any other volume with {@code qemu-img snapshot}. Tags are
 * Nubis ids (lower-case UUIDs), checked here; the qcow2 format allows two snapshots with one tag, so every create reads
 * the list first.
 */
@ApplicationScoped
class KvmSnapshots {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAG = Pattern
            .compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    @Inject
    SshPool ssh;
    @Inject
    Virsh virsh;
    @Inject
    KvmConfig config;

    /** iSCSI volumes are whole LUNs: the storage service refuses their snapshots before a host is asked. */
    private static void refuseLun(String path) throws DriverException {
        if (IscsiLocation.isIscsi(path)) {
            throw new DriverException("volumes on iSCSI LUNs have no snapshots or copies: " + path);
        }
    }

    void create(HostEndpoint host, String path, String tag, String vmId) throws DriverException {
        requireTag(host, tag);
        refuseLun(path);
        if (tags(host, path).contains(tag)) {
            return;
        }
        if (RbdLocation.isRbd(path)) { // a running qemu takes part through librbd's lock: one point in time
            KvmRbd.snapCreate(ssh, host, path, tag);
            return;
        }
        Optional<String> node = liveNode(host, path, vmId);
        if (node.isPresent()) {
            qmp(host, vmId, "taking the snapshot " + tag + " of " + path, "blockdev-snapshot-internal-sync",
                    node.get(), tag);
        } else {
            KvmCommands.check(ssh, host, "taking the snapshot " + tag + " of " + path,
                    RemoteCommand.of("qemu-img", "snapshot", "--image-opts", "-c", tag, qcow2(path)));
        }
    }

    void delete(HostEndpoint host, String path, String tag, String vmId) throws DriverException {
        requireTag(host, tag);
        if (!KvmFiles.exists(ssh, host, path) || !tags(host, path).contains(tag)) {
            return;
        }
        if (RbdLocation.isRbd(path)) {
            KvmRbd.snapRemove(ssh, host, path, tag);
            return;
        }
        Optional<String> node = liveNode(host, path, vmId);
        if (node.isPresent()) {
            qmp(host, vmId, "deleting the snapshot " + tag + " of " + path,
                    "blockdev-snapshot-delete-internal-sync", node.get(), tag);
        } else {
            KvmCommands.check(ssh, host, "deleting the snapshot " + tag + " of " + path,
                    RemoteCommand.of("qemu-img", "snapshot", "--image-opts", "-d", tag, qcow2(path)));
        }
    }

    void revert(HostEndpoint host, String path, String tag, String vmId) throws DriverException {
        requireTag(host, tag);
        refuseLun(path);
        requireStopped(host, path, vmId);
        if (!tags(host, path).contains(tag)) {
            throw new DriverException("volume " + path + " on host " + host.address() + " has no snapshot " + tag);
        }
        if (RbdLocation.isRbd(path)) {
            KvmRbd.rollback(ssh, host, path, tag);
            return;
        }
        KvmCommands.check(ssh, host, "reverting " + path + " to the snapshot " + tag,
                RemoteCommand.of("qemu-img", "snapshot", "--image-opts", "-a", tag, qcow2(path)));
    }

    VolumeInfo copy(HostEndpoint host, String path, String tag, String target) throws DriverException {
        refuseLun(path);
        if (tag != null) {
            requireTag(host, tag);
        }
        if (RbdLocation.isRbd(path) && RbdLocation.isRbd(target)) {
            KvmRbd.copy(ssh, host, path, tag, target);
            return KvmRbd.volumeInfo(ssh, host, target);
        }
        if (KvmFiles.exists(ssh, host, target)) {
            // the copy is renamed into place only when complete: a file there is a finished copy (a retried step)
            QemuImg.Info info = QemuImg.info(ssh, host, target, "qcow2");
            return new VolumeInfo(target, info.format(), info.virtualSize(), info.actualSize());
        }
        String part = target + KvmStorageDriver.PART;
        try {
            // -U: a running VM may have the volume open; the snapshot's clusters are never written again
            List<String> argv = new ArrayList<>(List.of("qemu-img", "convert", "-U", "-f", "qcow2"));
            if (tag != null) {
                argv.addAll(List.of("-l", "snapshot.name=" + tag));
            }
            argv.addAll(List.of("-O", "qcow2", "--", path, part));
            KvmCommands.check(ssh, host, "copying " + (tag == null ? "" : "the snapshot " + tag + " of ") + path,
                    RemoteCommand.of(argv).withTimeout(config.storageCommandTimeout()));
            KvmFiles.rename(ssh, host, part, target);
            QemuImg.Info info = QemuImg.info(ssh, host, target, "qcow2");
            return new VolumeInfo(target, info.format(), info.virtualSize(), info.actualSize());
        } catch (DriverException | RuntimeException e) {
            KvmFiles.removeQuietly(ssh, host, part);
            throw e;
        }
    }

    /** The tags of the file's snapshots ({@code qemu-img info -U}: a running VM may hold the file). */
    List<String> tags(HostEndpoint host, String path) throws DriverException {
        if (IscsiLocation.isIscsi(path)) {
            return List.of();
        }
        if (RbdLocation.isRbd(path)) {
            return KvmRbd.snapshots(ssh, host, path);
        }
        ExecResult r = KvmCommands.check(ssh, host, "listing the snapshots of " + path,
                RemoteCommand.of("qemu-img", "info", "-U", "-f", "qcow2", "--output=json", "--", path)
                        .withTimeout(Duration.ofMinutes(2)));
        try {
            List<String> out = new ArrayList<>();
            for (JsonNode s : JSON.readTree(r.stdout()).path("snapshots")) {
                out.add(s.path("name").asText());
            }
            return out;
        } catch (IOException e) {
            throw new DriverException("unexpected qemu-img output on " + host.address() + ": " + r.describe());
        }
    }

    /**
     * The qemu block node of {@code path} in the running VM, when {@code vmId} runs with that file open; empty
     * otherwise (the file is then changed with qemu-img, which fails on a file some other process holds).
     */
    private Optional<String> liveNode(HostEndpoint host, String path, String vmId) throws DriverException {
        if (vmId == null) {
            return Optional.empty();
        }
        String domain = DomainNames.of(vmId);
        Optional<DomainState> state = virsh.state(host, domain);
        if (state.isEmpty() || !state.get().active()) {
            return Optional.empty();
        }
        ExecResult r = virsh.require(host, "reading the block nodes of " + domain, "qemu-monitor-command", domain,
                "{\"execute\":\"query-named-block-nodes\",\"arguments\":{\"flat\":true}}");
        try {
            for (JsonNode n : JSON.readTree(r.stdout()).path("return")) {
                if ("qcow2".equals(n.path("drv").asText()) && path.equals(n.path("file").asText())) {
                    return Optional.of(n.path("node-name").asText());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new DriverException("unexpected QMP answer from " + domain + " on host " + host.address() + ": "
                    + r.describe());
        }
    }

    /** A QMP snapshot command; virsh exits 0 even when qemu answers an error, so the answer is read. */
    private void qmp(HostEndpoint host, String vmId, String what, String command, String node, String tag)
            throws DriverException {
        String domain = DomainNames.of(vmId);
        String json;
        try {
            json = JSON.writeValueAsString(JSON.createObjectNode().put("execute", command).set("arguments",
                    JSON.createObjectNode().put("device", node).put("name", tag)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ExecResult r = virsh.require(host, what, "qemu-monitor-command", domain, json);
        try {
            JsonNode answer = JSON.readTree(r.stdout());
            if (answer.has("error")) {
                throw new DriverException(what + " in " + domain + " on host " + host.address() + " failed: "
                        + answer.path("error").path("desc").asText());
            }
        } catch (IOException e) {
            throw new DriverException("unexpected QMP answer from " + domain + " on host " + host.address() + ": "
                    + r.describe());
        }
    }

    /**
     * The file as {@code --image-opts}: {@code qemu-img snapshot} has no {@code -f}, and the format is named rather
     * than probed. Volume paths are validated ({@code [A-Za-z0-9._/-]}), so they hold no comma that would end the
     * option.
     */
    static String qcow2(String path) {
        if (path.contains(",")) {
            throw new IllegalArgumentException("invalid volume path " + path);
        }
        if (KvmNfs.isNfs(path)) { // qemu's nfs protocol driver, given the URL
            return "driver=qcow2,file.driver=nfs,file.filename=" + path;
        }
        return "driver=qcow2,file.filename=" + path;
    }

    /** A revert changes what a running VM reads under it: refused while {@code vmId} (or null) runs. */
    private void requireStopped(HostEndpoint host, String path, String vmId) throws DriverException {
        if (vmId != null) {
            Optional<DomainState> state = virsh.state(host, DomainNames.of(vmId));
            if (state.isPresent() && state.get().active()) {
                throw new DriverException("cannot revert " + path + " on host " + host.address() + ": VM nubis-"
                        + vmId + " is running");
            }
        }
    }

    private static void requireTag(HostEndpoint host, String tag) throws DriverException {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new DriverException("invalid snapshot tag " + tag + " for host " + host.address());
        }
    }
}
