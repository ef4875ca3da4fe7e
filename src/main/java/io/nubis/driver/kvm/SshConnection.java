package io.nubis.driver.kvm;

import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.HostKeyChangedException;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One logged-in SSH session to one host, shared by concurrent commands (one exec channel each) up to a per-host limit.
 * Thread-safe. Created and cached by {@link SshPool}.
 */
final class SshConnection {

    private static final int POLL_MILLIS = 2;

    private final HostEndpoint endpoint;
    private final Session session;
    private final Semaphore slots;
    private final String hostKeyFingerprint;
    private volatile long lastUsed = System.nanoTime();

    private SshConnection(HostEndpoint endpoint, Session session, int maxConcurrent, String fingerprint) {
        this.endpoint = endpoint;
        this.session = session;
        this.slots = new Semaphore(maxConcurrent, true);
        this.hostKeyFingerprint = fingerprint;
    }

    /** Connects and logs in, checking the host key first. */
    static SshConnection open(HostEndpoint ep, Duration connectTimeout, int maxConcurrent) throws DriverException {
        JSch jsch = new JSch();
        HostKeyGuard guard = new HostKeyGuard(ep.credentials().hostKeyFingerprint());
        jsch.setHostKeyRepository(guard);
        String where = ep.username() + "@" + ep.address() + ":" + ep.port();
        try {
            if (ep.credentials().privateKey() != null) {
                jsch.addIdentity("nubis-" + ep.hostId(), ep.credentials().privateKey().getBytes(StandardCharsets.UTF_8),
                        null, null);
            }
            Session s = jsch.getSession(ep.username(), ep.address(), ep.port());
            if (ep.credentials().password() != null) {
                s.setPassword(ep.credentials().password());
            }
            s.setConfig("StrictHostKeyChecking", "yes");
            s.setConfig("PreferredAuthentications", "publickey,password");
            s.setServerAliveInterval(15_000);
            s.setServerAliveCountMax(3);
            s.connect((int) connectTimeout.toMillis());
            return new SshConnection(ep, s, maxConcurrent, guard.presented());
        } catch (JSchException e) {
            if (guard.mismatch()) {
                throw new HostKeyChangedException(ep.address(), guard.expected(), guard.presented());
            }
            throw new DriverException("cannot log in to " + where + ": " + describe(e), e);
        } catch (RuntimeException e) {
            throw new DriverException("cannot log in to " + where + ": " + e.getMessage(), e);
        }
    }

    private static String describe(JSchException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (m.contains("Auth fail") || m.contains("Auth cancel")) {
            return "authentication failed (wrong user, password or key)";
        }
        if (e.getCause() instanceof java.net.ConnectException || m.contains("Connection refused")) {
            return "connection refused (is sshd running on that port?)";
        }
        if (e.getCause() instanceof java.net.SocketTimeoutException || m.contains("timeout")) {
            return "no answer (timeout)";
        }
        return m;
    }

    String hostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    boolean isOpen() {
        return session.isConnected();
    }

    long idleNanos() {
        return System.nanoTime() - lastUsed;
    }

    void close() {
        session.disconnect();
    }

    /**
     * Opens a TCP tunnel ({@code direct-tcpip}) from this session to {@code port} on the host's loopback: what the
     * returned channel's streams read and write is what that port sends and gets. For a connection of its own (the
     * console proxy, {@link SshPool#tunnel}): the pool would close an idle shared one under it.
     */
    TunnelStreams tunnel(int port, Duration timeout) throws DriverException {
        try {
            ChannelDirectTCPIP ch = (ChannelDirectTCPIP) session.openChannel("direct-tcpip");
            ch.setHost("127.0.0.1");
            ch.setPort(port);
            // the streams before connecting: what the far end sends at once (a VNC server's greeting) would be lost
            InputStream in = ch.getInputStream();
            OutputStream out = ch.getOutputStream();
            ch.connect((int) Math.max(1, timeout.toMillis()));
            return new TunnelStreams(ch, in, out);
        } catch (IOException e) {
            throw new DriverException("SSH tunnel to port " + port + " on " + endpoint.address() + " failed: "
                    + e.getMessage(), e);
        } catch (JSchException e) {
            throw new DriverException("SSH tunnel to port " + port + " on " + endpoint.address() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** An open {@code direct-tcpip} channel and its streams. */
    record TunnelStreams(ChannelDirectTCPIP channel, InputStream in, OutputStream out) {
    }

    /** Runs one command on its own exec channel; waits for a free slot first. */
    ExecResult exec(RemoteCommand cmd, Duration timeout) throws DriverException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        try {
            if (!slots.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DriverException("host " + endpoint.address() + " is busy: no free SSH slot within "
                        + timeout.toSeconds() + " s for `" + cmd.commandLine() + "`");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted while waiting for host " + endpoint.address());
        }
        ChannelExec ch = null;
        try {
            lastUsed = System.nanoTime();
            ch = (ChannelExec) session.openChannel("exec");
            ch.setCommand(cmd.commandLine());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ch.setOutputStream(out, true);
            ch.setErrStream(err, true);
            OutputStream stdin = cmd.stdin() == null ? null : ch.getOutputStream();
            ch.connect((int) Math.max(1, timeout.toMillis()));
            if (stdin != null) {
                stdin.write(cmd.stdin());
                stdin.close();
            }
            while (!ch.isClosed()) {
                if (System.nanoTime() > deadline) {
                    throw new DriverException("timed out after " + timeout.toSeconds() + " s on " + endpoint.address()
                            + ": `" + cmd.commandLine() + "`");
                }
                Thread.sleep(POLL_MILLIS);
            }
            return new ExecResult(cmd, ch.getExitStatus(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8), (System.nanoTime() - t0) / 1_000_000);
        } catch (JSchException | IOException e) {
            throw new DriverException("SSH to " + endpoint.address() + " failed running `" + cmd.commandLine()
                    + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted running `" + cmd.commandLine() + "` on " + endpoint.address());
        } finally {
            if (ch != null) {
                ch.disconnect();
            }
            lastUsed = System.nanoTime();
            slots.release();
        }
    }

    /**
     * Streams {@code content} into {@code remotePath} over an SFTP channel (created or truncated), chunk by chunk: the
     * content is never held in memory whole. Takes one of the host's command slots while it runs.
     */
    void put(InputStream content, String remotePath, Duration slotWait) throws DriverException {
        acquire(slotWait, "upload to " + remotePath);
        ChannelSftp ch = null;
        try {
            lastUsed = System.nanoTime();
            ch = (ChannelSftp) session.openChannel("sftp");
            ch.connect((int) Math.max(1, slotWait.toMillis()));
            ch.put(content, remotePath, ChannelSftp.OVERWRITE);
        } catch (JSchException | SftpException e) {
            throw new DriverException("SFTP upload to " + endpoint.address() + ":" + remotePath + " failed: "
                    + e.getMessage(), e);
        } finally {
            if (ch != null) {
                ch.disconnect();
            }
            lastUsed = System.nanoTime();
            slots.release();
        }
    }

    /**
     * Opens {@code remotePath} for reading over an SFTP channel. The returned stream holds a command slot and the
     * channel until it is closed.
     */
    InputStream get(String remotePath, Duration slotWait) throws DriverException {
        acquire(slotWait, "download of " + remotePath);
        ChannelSftp ch = null;
        try {
            lastUsed = System.nanoTime();
            ch = (ChannelSftp) session.openChannel("sftp");
            ch.connect((int) Math.max(1, slotWait.toMillis()));
            InputStream in = ch.get(remotePath);
            ChannelSftp channel = ch;
            AtomicBoolean closed = new AtomicBoolean();
            return new FilterInputStream(in) {

                @Override
                public void close() throws IOException {
                    if (closed.compareAndSet(false, true)) {
                        try {
                            super.close();
                        } finally {
                            channel.disconnect();
                            lastUsed = System.nanoTime();
                            slots.release();
                        }
                    }
                }
            };
        } catch (JSchException | SftpException e) {
            if (ch != null) {
                ch.disconnect();
            }
            slots.release();
            throw new DriverException("SFTP download of " + endpoint.address() + ":" + remotePath + " failed: "
                    + e.getMessage(), e);
        }
    }

    private void acquire(Duration wait, String what) throws DriverException {
        try {
            if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DriverException("host " + endpoint.address() + " is busy: no free SSH slot within "
                        + wait.toSeconds() + " s for the " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted while waiting for host " + endpoint.address());
        }
    }
}
