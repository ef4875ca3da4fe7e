package io.nubis.driver.kvm;

import io.nubis.driver.ConsoleStream;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.VmSpecRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VM consoles on KVM hosts (issue 13). Graphical: every domain has a VNC server listening on the host's loopback
 * ({@link DomainXml}); its port comes from {@code virsh vncdisplay}, and the console is an SSH {@code direct-tcpip}
 * tunnel to it over an SSH connection of its own, so the management server needs no other way into the host and the VNC
 * server is never reachable from a network. Serial: the tail of the console log file libvirt writes.
 */
@ApplicationScoped
class KvmConsoles {

    /** {@code virsh vncdisplay}: {@code 127.0.0.1:0} or {@code :0}; the port is 5900 plus the display. */
    private static final Pattern DISPLAY = Pattern.compile("(?m)^\\s*(?:127\\.0\\.0\\.1|localhost)?:(\\d{1,4})\\s*$");
    static final int MAX_LOG_BYTES = 1 << 20;

    @Inject
    SshPool ssh;
    @Inject
    Virsh virsh;
    @Inject
    KvmConfig config;

    ConsoleStream open(HostEndpoint host, String vmId) throws DriverException {
        String domain = DomainNames.of(vmId);
        ExecResult r = virsh.exec(host, config.commandTimeout(), "vncdisplay", domain);
        if (!r.ok()) {
            throw new DriverException("VM " + domain + " on host " + host.address() + " has no console now: "
                    + r.describe());
        }
        Matcher m = DISPLAY.matcher(r.stdout());
        if (!m.find()) {
            throw new DriverException("VM " + domain + " on host " + host.address()
                    + " has no graphical console on the host's loopback (defined before consoles existed? stop and"
                    + " start it): virsh vncdisplay said '" + r.stdout().strip() + "'");
        }
        int port = 5900 + Integer.parseInt(m.group(1));
        SshPool.Tunnel t = ssh.tunnel(host, port);
        InputStream in = t.streams().in();
        OutputStream out = t.streams().out();
        return new ConsoleStream() {

            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public void close() {
                t.close();
            }
        };
    }

    String log(HostEndpoint host, String path, int maxBytes) throws DriverException {
        try {
            VmSpecRules.checkPath("console log path", path);
        } catch (IllegalArgumentException e) {
            throw new DriverException(e.getMessage());
        }
        int bytes = Math.max(1, Math.min(maxBytes, MAX_LOG_BYTES));
        // a VM that never wrote has no file yet: empty, not an error
        ExecResult r = KvmCommands.check(ssh, host, "reading the console log", RemoteCommand.of("sh", "-c",
                "if [ -f \"$1\" ]; then tail -c \"$2\" -- \"$1\"; fi", "nubis-console-log", path,
                Integer.toString(bytes)));
        return r.stdout(); // decoded as UTF-8 by the SSH layer; a character cut by tail shows as a replacement
    }
}
