package io.nubis.driver.kvm;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostDriver;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.HostFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * {@link HostDriver} for Linux hosts running libvirt + qemu, driven over SSH with standard tools (virsh, qemu-img, ip,
 * bridge, dnsmasq, nft). Nothing is installed on the host. Connect pins the host key on first use and refuses a changed
 * key afterwards (see {@link HostKeyGuard}).
 */
@ApplicationScoped
public class KvmHostDriver implements HostDriver {

    public static final String TYPE = "KVM";
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    SshPool ssh;
    @Inject
    KvmPrerequisites prerequisites;
    @Inject
    KvmFacts facts;
    @Inject
    KvmConfig config;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HostFacts connect(HostEndpoint ep) throws DriverException {
        requireLogin(ep);
        String fingerprint = ssh.connectAndFingerprint(ep);
        prerequisites.check(ep);
        return facts.read(ep, fingerprint);
    }

    @Override
    public void ping(HostEndpoint ep) throws DriverException {
        ExecResult r = ssh.exec(ep,
                RemoteCommand.of("virsh", "-c", config.libvirtUri(), "uri").withTimeout(PING_TIMEOUT));
        if (!r.ok()) {
            throw new DriverException("libvirt on " + ep.address() + " does not answer: " + r.describe());
        }
    }

    @Override
    public void disconnect(HostEndpoint ep) {
        ssh.close(ep);
    }

    private static void requireLogin(HostEndpoint ep) throws DriverException {
        if (ep.username() == null || (ep.credentials().password() == null && ep.credentials().privateKey() == null)) {
            throw new DriverException("host " + ep.address() + " has no SSH user with a password or private key");
        }
    }
}
