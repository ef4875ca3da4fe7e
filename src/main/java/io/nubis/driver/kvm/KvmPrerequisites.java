package io.nubis.driver.kvm;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a host has what Nubis drives it with, and names what is missing: the programs (virsh, qemu-img, the qemu
 * emulator, ip, bridge, dnsmasq, nft for the VM NICs' anti-spoofing rules) and a libvirt daemon that answers.
 */
@ApplicationScoped
class KvmPrerequisites {

    /** Program -> Debian package that provides it, for the error message. */
    private static final Map<String, String> PROGRAMS = new LinkedHashMap<>();

    static {
        PROGRAMS.put("virsh", "libvirt-clients");
        PROGRAMS.put("qemu-img", "qemu-utils");
        PROGRAMS.put("ip", "iproute2");
        PROGRAMS.put("bridge", "iproute2");
        PROGRAMS.put("dnsmasq", "dnsmasq-base");
        PROGRAMS.put("nft", "nftables");
    }

    @Inject
    SshPool ssh;
    @Inject
    KvmConfig config;

    void check(HostEndpoint ep) throws DriverException {
        List<String> missing = new ArrayList<>();
        Map<String, String> wanted = new LinkedHashMap<>(PROGRAMS);
        wanted.put(config.qemuBinary(), "qemu-system-x86");
        for (Map.Entry<String, String> p : wanted.entrySet()) {
            if (!has(ep, p.getKey())) {
                missing.add(p.getKey() + " (Debian package " + p.getValue() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new DriverException("host " + ep.address() + " lacks " + String.join(", ", missing)
                    + ". Install them and reconnect the host.");
        }
        ExecResult libvirt = ssh.exec(ep, RemoteCommand.of("virsh", "-c", config.libvirtUri(), "uri"));
        if (!libvirt.ok()) {
            throw new DriverException("libvirt does not answer on " + ep.address() + " (is libvirtd running?): "
                    + libvirt.describe());
        }
    }

    /** Whether the program is on the remote PATH (or in /usr/sbin, /sbin, which non-login shells may miss). */
    private boolean has(HostEndpoint ep, String program) throws DriverException {
        ExecResult r = ssh.exec(ep, RemoteCommand.of("sh", "-c",
                "PATH=\"$PATH:/usr/sbin:/sbin\" command -v \"$1\" >/dev/null", "nubis-check", program));
        return r.ok();
    }
}
