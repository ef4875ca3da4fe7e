package io.nubis.driver.kvm;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.VmSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * VMs' cloud-init config drives on KVM hosts (issue 13): {@code /var/lib/nubis/config-drive/<vm id>.iso}, made by Nubis
 * ({@link ConfigDriveIso}) and uploaded over SFTP before the domain is defined, so the host needs no ISO tool. The file
 * goes with the domain: copied to the target before a live migration and removed from the source after it, removed when
 * the domain is destroyed. The path comes only from the VM's id (a checked UUID).
 */
@ApplicationScoped
class KvmConfigDrives {

    static final String DIR = "/var/lib/nubis/config-drive";
    /** Far above the largest drive Nubis makes (64 KiB user data + meta-data + ISO overhead). */
    private static final int MAX_BYTES = 1 << 20;

    @Inject
    SshPool ssh;

    /** The config drive's file on the host; refuses anything but a VM UUID. */
    static String path(String vmId) {
        DomainNames.of(vmId);
        return DIR + "/" + vmId + ".iso";
    }

    /** Writes the spec's config drive to the host (replacing an older one); nothing when the spec has none. */
    void write(HostEndpoint host, VmSpec spec) throws DriverException {
        if (spec.configDrive() == null) {
            return;
        }
        byte[] iso = ConfigDriveIso.noCloud(spec.configDrive().metaData(), spec.configDrive().userData());
        put(host, spec.vmId(), iso);
    }

    /** Copies the VM's config drive from {@code source} to {@code target}, if the VM has one. */
    void copy(HostEndpoint source, HostEndpoint target, String vmId) throws DriverException {
        String path = path(vmId);
        if (!ssh.exec(source, RemoteCommand.of("test", "-f", path)).ok()) {
            return;
        }
        byte[] iso;
        try (InputStream in = ssh.download(source, path)) {
            iso = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new DriverException("reading the config drive of VM " + vmId + " on " + source.address()
                    + " failed: " + e.getMessage(), e);
        }
        if (iso.length > MAX_BYTES) {
            throw new DriverException("the config drive of VM " + vmId + " on " + source.address()
                    + " is larger than Nubis makes them: " + path);
        }
        put(target, vmId, iso);
    }

    /** Removes the VM's config drive from the host; a missing one is fine. */
    void remove(HostEndpoint host, String vmId) throws DriverException {
        String path = path(vmId);
        KvmCommands.check(ssh, host, "removing the config drive",
                RemoteCommand.of("rm", "-f", "--", path, path + ".part"));
    }

    private void put(HostEndpoint host, String vmId, byte[] iso) throws DriverException {
        String path = path(vmId);
        KvmCommands.check(ssh, host, "making the config drive folder", RemoteCommand.of("mkdir", "-p", DIR));
        ssh.upload(host, new ByteArrayInputStream(iso), path + ".part");
        KvmCommands.check(ssh, host, "placing the config drive", RemoteCommand.of("mv", "-f", "--", path + ".part",
                path));
    }
}
