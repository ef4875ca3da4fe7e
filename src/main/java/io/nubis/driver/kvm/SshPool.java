package io.nubis.driver.kvm;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pooled SSH connections, one per host and credential set, with bounded concurrent commands per host
 * ({@code nubis.kvm.max-concurrent-commands-per-host}). A connection that dropped is reopened on next use; idle ones
 * are closed after {@code nubis.kvm.idle-timeout}. Changing a host's credentials or accepted key makes a new pool
 * entry, so a stale login is never reused.
 */
@ApplicationScoped
@Startup // its metrics exist from the start
public class SshPool {

    private final Map<Key, SshConnection> connections = new ConcurrentHashMap<>();
    /** One lock per host: logging in to a slow host does not hold up the others. */
    private final Map<Key, Object> openLocks = new ConcurrentHashMap<>();

    @Inject
    KvmConfig config;
    @Inject
    SshMetrics metrics;

    @PostConstruct
    void registerMetrics() {
        metrics.connections(this);
    }

    /** Pooled connections that are open (a metric). */
    double openConnections() {
        return connections.values().stream().filter(SshConnection::isOpen).count();
    }

    private record Key(String address, int port, String user, int credentialsHash) {

        static Key of(HostEndpoint ep) {
            return new Key(ep.address(), ep.port(), ep.username(), Objects.hash(ep.credentials().password(),
                    ep.credentials().privateKey(), ep.credentials().hostKeyFingerprint()));
        }
    }

    /** Runs a command with the default timeout unless the command names one. */
    public ExecResult exec(HostEndpoint ep, RemoteCommand cmd) throws DriverException {
        Duration timeout = cmd.optionalTimeout().orElse(config.commandTimeout());
        long start = System.nanoTime();
        try {
            SshConnection c = connection(ep);
            try {
                ExecResult r = c.exec(cmd, timeout);
                metrics.command(ep, r.ok() ? "ok" : "nonzero", System.nanoTime() - start);
                return r;
            } catch (DriverException e) {
                if (!c.isOpen()) {
                    connections.remove(Key.of(ep), c);
                }
                throw e;
            }
        } catch (DriverException e) {
            metrics.command(ep, "error", System.nanoTime() - start);
            throw e;
        }
    }

    /** Streams {@code content} into a file on the host over SFTP (see {@link SshConnection#put}). */
    public void upload(HostEndpoint ep, InputStream content, String remotePath) throws DriverException {
        SshConnection c = connection(ep);
        try {
            c.put(content, remotePath, config.commandTimeout());
        } catch (DriverException e) {
            if (!c.isOpen()) {
                connections.remove(Key.of(ep), c);
            }
            throw e;
        }
    }

    /** Opens a file on the host for streaming over SFTP; the caller closes the stream. */
    public InputStream download(HostEndpoint ep, String remotePath) throws DriverException {
        SshConnection c = connection(ep);
        try {
            return c.get(remotePath, config.commandTimeout());
        } catch (DriverException e) {
            if (!c.isOpen()) {
                connections.remove(Key.of(ep), c);
            }
            throw e;
        }
    }

    /**
     * A tunnel to {@code port} on the host's loopback over an SSH connection of its own (not pooled: it lives as long
     * as the tunnel, whatever the pool's idle timeout); closing the result ends both.
     */
    Tunnel tunnel(HostEndpoint ep, int port) throws DriverException {
        SshConnection c = SshConnection.open(ep, config.connectTimeout(), 1);
        try {
            return new Tunnel(c, c.tunnel(port, config.connectTimeout()));
        } catch (DriverException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** An open tunnel and the connection that carries it. */
    record Tunnel(SshConnection connection, SshConnection.TunnelStreams streams) implements AutoCloseable {

        @Override
        public void close() {
            streams.channel().disconnect();
            connection.close();
        }
    }

    /** Opens (or reuses) the connection and returns the host key fingerprint the host presented. */
    public String connectAndFingerprint(HostEndpoint ep) throws DriverException {
        return connection(ep).hostKeyFingerprint();
    }

    /** Closes every connection to this host. */
    public void close(HostEndpoint ep) {
        connections.entrySet().removeIf(e -> {
            boolean same = e.getKey().address().equals(ep.address()) && e.getKey().port() == ep.port();
            if (same) {
                e.getValue().close();
            }
            return same;
        });
    }

    private SshConnection connection(HostEndpoint ep) throws DriverException {
        Key key = Key.of(ep);
        SshConnection c = connections.get(key);
        if (c != null && c.isOpen()) {
            return c;
        }
        synchronized (openLocks.computeIfAbsent(key, k -> new Object())) {
            c = connections.get(key);
            if (c != null && c.isOpen()) {
                return c;
            }
            if (c != null) {
                c.close();
            }
            SshConnection fresh = SshConnection.open(ep, config.connectTimeout(),
                    config.maxConcurrentCommandsPerHost());
            connections.put(key, fresh);
            return fresh;
        }
    }

    @Scheduled(every = "60s", delayed = "60s")
    void closeIdle() {
        long idle = config.idleTimeout().toNanos();
        connections.entrySet().removeIf(e -> {
            boolean stale = !e.getValue().isOpen() || e.getValue().idleNanos() > idle;
            if (stale) {
                e.getValue().close();
            }
            return stale;
        });
    }

    void shutdown(@Observes ShutdownEvent e) {
        connections.values().forEach(SshConnection::close);
        connections.clear();
    }
}
