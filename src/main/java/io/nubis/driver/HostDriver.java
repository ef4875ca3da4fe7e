package io.nubis.driver;

/**
 * What Nubis needs from one kind of hypervisor host. One implementation per {@link #type()}; the server picks it by the
 * host's driver type (the cluster's hypervisor type). Implementations are {@code @ApplicationScoped} and thread-safe:
 * the job engine calls them from many workers at once, for many hosts, and possibly twice for the same action after a
 * crash.
 *
 * <p>
 * Every method below states its post-condition (what is true when it returns normally), whether it is idempotent, and
 * what it cleans up when it throws. A method reports failure only by throwing {@link DriverException} with a message an
 * admin can act on ("virsh not found on host 10.0.0.5"), never by returning a flag. Drivers keep no state that matters
 * across a server restart; the database is the source of truth.
 */
public interface HostDriver {

    /** The driver type a cluster names as its hypervisor type, e.g. {@code Simulator} or {@code KVM}. */
    String type();

    /**
     * Reaches the host, checks that everything Nubis needs is present and reads its capacity.
     *
     * <p>
     * Post-condition: the host answered, every prerequisite is present, and the returned facts describe it. Idempotent:
     * connecting an already-connected host re-reads its facts and changes nothing on the host. On failure: throws
     * {@link DriverException} naming what is missing or unreachable; leaves nothing behind on the host (no files, no
     * sessions held open).
     */
    HostFacts connect(HostEndpoint host) throws DriverException;

    /**
     * Cheap liveness check, called periodically for every connected (and every disconnected) host.
     *
     * <p>
     * Post-condition: the host answered within the driver's timeout. Idempotent, read-only. On failure: throws
     * {@link DriverException}; the caller marks the host Disconnected and retries later.
     */
    void ping(HostEndpoint host) throws DriverException;

    /**
     * Releases what the server holds for this host (pooled sessions, cached keys) before the host is removed from
     * Nubis. Does not touch guests or files on the host.
     *
     * <p>
     * Post-condition: the driver holds nothing for the host. Idempotent: disconnecting an unknown or already
     * disconnected host succeeds. Never throws for an unreachable host.
     */
    void disconnect(HostEndpoint host);
}
