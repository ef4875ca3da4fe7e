package io.nubis.network;

import io.nubis.platform.Rows;
import io.nubis.platform.Text;
import io.nubis.compute.HostAccess;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Validation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * IP address management: hands out addresses of an L3 network's ranges to owners (VM NICs, DHCP servers), never the
 * same address twice, and takes them back. Not for controllers: callers (services, workflow steps) have authorized the
 * change already.
 *
 * <p>
 * <b>Transactions.</b> {@link #allocate} runs in <em>its own</em> transactions (each attempt {@code REQUIRES_NEW}):
 * when it returns, the address is committed and visible to everyone, whatever the caller's transaction does next. So a
 * caller that fails later must {@link #release} it (a workflow step's rollback does), and a caller must not hold a lock
 * on the L3 network row while calling it. {@link #release} and {@link #releaseOwner} join the caller's transaction if
 * there is one (so a VM's final transaction can free its addresses atomically), otherwise they run in their own.
 *
 * <p>
 * <b>How an address is picked.</b> A random point of the ranges, then the lowest free address at or after it (wrapping
 * around once), found by one SQL query that walks the unique index from that point to the first gap. The insert relies
 * on the unique keys {@code (l3_id, ip_value)}, {@code (l3_id, owner_id)} and {@code (l3_id, mac)}: a concurrent
 * allocation of the same address makes the insert a no-op, and the attempt is repeated with a fresh snapshot. Random
 * starting points keep concurrent allocators apart, so many run in parallel with few retries. Each attempt holds a
 * shared lock on the L3 network row, which range removal takes exclusively: an address is never handed out from a range
 * being removed.
 */
@ApplicationScoped
public class IpamService {

    private static final Logger LOG = Logger.getLogger(IpamService.class);
    /** Lower-case MAC address, colon-separated. */
    public static final Pattern MAC = Pattern.compile("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$");
    /** A DNS label: what dnsmasq hands out as the client's host name. */
    public static final Pattern HOSTNAME = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$");
    public static final Pattern OWNER_TYPE = Pattern.compile("^[a-z][a-z0-9.-]{0,31}$");
    static final int MAX_ATTEMPTS = 200;

    /**
     * The lowest free address at or after {@code :s}: the lower of (x) the first range start at or after it (or
     * {@code :s} itself) that is free and (y) the first address after an allocated one that is free and inside a range.
     * Each part walks an index in order and stops at its first hit (anti-joins on the unique key, not
     * {@code NOT EXISTS}, which MariaDB turns into a scan of every allocation of the network): the cost is the run of
     * taken addresses after {@code :s}, not the number of allocations (issue 7 follow-up: 20,000 VMs on one network).
     */
    private static final String NEXT_FREE = """
            SELECT LEAST(COALESCE(t.x, t.y), COALESCE(t.y, t.x)) FROM (SELECT
              (SELECT GREATEST(r.start_value, :s) FROM ip_range r
                 LEFT JOIN ip_allocation b ON b.l3_id = r.l3_id AND b.ip_value = GREATEST(r.start_value, :s)
               WHERE r.l3_id = :l3 AND r.end_value >= :s AND b.id IS NULL
               ORDER BY r.start_value LIMIT 1) AS x,
              (SELECT a.ip_value + 1 FROM ip_allocation a
                 LEFT JOIN ip_allocation b ON b.l3_id = a.l3_id AND b.ip_value = a.ip_value + 1
               WHERE a.l3_id = :l3 AND a.ip_value >= :s AND b.id IS NULL
                 AND EXISTS (SELECT 1 FROM ip_range r2 WHERE r2.l3_id = :l3
                             AND a.ip_value + 1 BETWEEN r2.start_value AND r2.end_value)
               ORDER BY a.ip_value LIMIT 1) AS y) t
            """;

    @Inject
    EntityManager em;
    @Inject
    io.nubis.platform.Sql sql;
    @Inject
    HostAccess hosts;

    /**
     * Gives {@code ownerId} an address of the L3 network and returns it. Idempotent: an owner holds at most one address
     * per L3 network, and asking again returns the one it holds. Commits before returning (see the class comment).
     *
     * @param ownerType what holds it, e.g. {@code vm-nic}, {@code dhcp}
     * @param ownerId id of the holder (a UUID)
     * @param mac MAC address of the NIC (lower-case, colon-separated) for a DHCP lease, or null
     * @param hostname host name handed out by DHCP (a DNS label), or null
     * @param hostId host the address is bound to (it goes when the host is removed from Nubis), or null
     * @throws NotFoundException the L3 network does not exist
     * @throws NoFreeAddressException every address of its ranges is taken (409)
     * @throws io.nubis.platform.InvalidInputException a bad argument, or the MAC is used by another owner of the L3
     */
    public IpAllocationView allocate(String l3Id, String ownerType, String ownerId, String mac, String hostname,
            String hostId) {
        return allocate(l3Id, ownerType, ownerId, mac, hostname, hostId, a -> {
        });
    }

    /**
     * Like {@link #allocate(String, String, String, String, String, String)}, and runs {@code recordInOwner} with the
     * allocation inside the transaction that makes it, so the owner's own record of its address (e.g. a NIC's
     * {@code ip}) commits with it: one transaction instead of two.
     */
    public IpAllocationView allocate(String l3Id, String ownerType, String ownerId, String mac, String hostname,
            String hostId, java.util.function.Consumer<IpAllocationView> recordInOwner) {
        String normalMac = checked(l3Id, ownerType, ownerId, mac, hostname, hostId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                Optional<IpAllocationView> got = QuarkusTransaction.requiringNew().call(() -> {
                    Optional<IpAllocationView> a = tryAllocate(l3Id, ownerType, ownerId, normalMac, hostname, hostId);
                    a.ifPresent(recordInOwner);
                    return a;
                });
                if (got.isPresent()) {
                    return got.get();
                }
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                LOG.debugf("IPAM attempt %d on %s hit %s; retrying", attempt, l3Id, e.toString());
            }
        }
        throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_ipam_busy(l3Id)));
    }

    /**
     * {@link #allocate(String, String, String, String, String, String, java.util.function.Consumer)} in the caller's
     * transaction, which commits or rolls back the address with its own work (a VM's placement and its NICs' addresses
     * in one transaction: issue 7). An address another allocator took meanwhile is simply drawn again (a refused insert
     * does not end the transaction); a deadlock or lock wait timeout is thrown, and the caller retries its whole
     * transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public IpAllocationView allocateJoined(String l3Id, String ownerType, String ownerId, String mac, String hostname,
            String hostId, java.util.function.Consumer<IpAllocationView> recordInOwner) {
        String normalMac = checked(l3Id, ownerType, ownerId, mac, hostname, hostId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<IpAllocationView> a = tryAllocate(l3Id, ownerType, ownerId, normalMac, hostname, hostId);
            if (a.isPresent()) {
                recordInOwner.accept(a.get());
                return a.get();
            }
        }
        throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_ipam_busy(l3Id)));
    }

    /** The arguments' checks (400 on the first bad ones); returns the MAC normalised (lower-case), or null. */
    private static String checked(String l3Id, String ownerType, String ownerId, String mac, String hostname,
            String hostId) {
        String normalMac = mac == null || mac.isBlank() ? null : mac.trim().toLowerCase(Locale.ROOT);
        Validation v = Validation.start();
        v.id("l3NetworkId", l3Id).required("ownerType", ownerType).id("ownerId", ownerId);
        v.check(ownerType == null || OWNER_TYPE.matcher(ownerType).matches(), "ownerType",
                Text.of(NetworkMessages.class, m -> m.error_owner_type_format()));
        v.check(normalMac == null || MAC.matcher(normalMac).matches(), "mac",
                Text.of(NetworkMessages.class, m -> m.error_mac_format()));
        v.check(hostname == null || HOSTNAME.matcher(hostname).matches(), "hostname",
                Text.of(NetworkMessages.class, m -> m.error_hostname_format()));
        v.check(hostId == null || Ids.isValid(hostId), "hostId", Text.msg(m -> m.error_id_format()));
        v.throwIfAny();
        return normalMac;
    }

    /** One attempt: the allocation, or empty when another allocator took the candidate. */
    private Optional<IpAllocationView> tryAllocate(String l3Id, String ownerType, String ownerId, String mac,
            String hostname, String hostId) {
        // the network's name and its ranges in one statement, the network's row share-locked (a range change locks it
        // for update)
        List<Object[]> rows = sql.flushedQuery("SELECT n.name, r.start_value, r.end_value FROM l3_network n"
                + " LEFT JOIN ip_range r ON r.l3_id = n.id WHERE n.id = ? ORDER BY r.start_value LOCK IN SHARE MODE",
                l3Id);
        if (rows.isEmpty()) {
            throw new NotFoundException(L3NetworkService.TYPE, l3Id);
        }
        String l3Name = (String) rows.get(0)[0];
        List<long[]> ranges = rows.stream().filter(r -> r[1] != null)
                .map(r -> new long[]{((Number) r[1]).longValue(), ((Number) r[2]).longValue()}).toList();
        // an owner that already holds an address is found when an insert below is refused (unique l3 + owner), so the
        // common case (a new owner) costs no read for it
        long total = ranges.stream().mapToLong(r -> r[1] - r[0] + 1).sum();
        if (total == 0) {
            return heldOrFull(l3Id, ownerId, l3Name);
        }
        long pick = ThreadLocalRandom.current().nextLong(total);
        long start = ranges.get(0)[0];
        for (long[] r : ranges) {
            long size = r[1] - r[0] + 1;
            if (pick < size) {
                start = r[0] + pick;
                break;
            }
            pick -= size;
        }
        // a network is mostly sparse: the random address is most likely free, so it is tried first and the database
        // searches for the next free one (a scan of the allocations above it) only when it is taken
        Optional<IpAllocationView> got = insert(l3Id, start, ownerType, ownerId, mac, hostname, hostId);
        if (got.isPresent()) {
            return got;
        }
        Optional<IpAllocationView> held = explainRefusal(l3Id, ownerId, mac, hostId, l3Name);
        if (held.isPresent()) {
            return held;
        }
        Long candidate = nextFree(l3Id, start);
        if (candidate == null) {
            candidate = nextFree(l3Id, ranges.get(0)[0]);
        }
        if (candidate == null) {
            throw new NoFreeAddressException(l3Name);
        }
        got = insert(l3Id, candidate, ownerType, ownerId, mac, hostname, hostId);
        return got.isPresent() ? got : explainRefusal(l3Id, ownerId, mac, hostId, l3Name);
    }

    /**
     * Inserts the allocation of address {@code value}; empty when a unique key (or the host's foreign key) refused it.
     */
    private Optional<IpAllocationView> insert(String l3Id, long value, String ownerType, String ownerId, String mac,
            String hostname, String hostId) {
        String id = Ids.newId();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String ip = Ipv4.format(value);
        // plain JDBC (platform.Sql): once per NIC of every VM create, in a transaction that changes no allocation
        // entity; Hibernate's native update would also clean up the cache regions of every entity type
        int rows = sql.update("INSERT IGNORE INTO ip_allocation (id, l3_id, ip, ip_value, owner_type, owner_id, mac,"
                + " hostname, host_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, l3Id, ip, value,
                ownerType, ownerId, mac, hostname, hostId, at);
        // what was just written: no need to read it back
        return rows == 1
                ? Optional.of(new IpAllocationView(id, l3Id, ip, ownerType, ownerId, mac, hostname, hostId, at))
                : Optional.empty();
    }

    /**
     * Why an insert was refused: the owner has an address already (returned), the MAC is someone else's or the host is
     * unknown (thrown), or else the address was taken (empty).
     */
    private Optional<IpAllocationView> explainRefusal(String l3Id, String ownerId, String mac, String hostId,
            String l3Name) {
        Optional<IpAllocationView> held = held(l3Id, ownerId);
        if (held.isPresent()) {
            return held;
        }
        if (mac != null && Rows.count(IpAllocation.class, "l3Id = ?1 and mac = ?2", l3Id, mac) > 0) {
            throw new InvalidInputException("mac", Text.of(NetworkMessages.class, m -> m.error_mac_taken(mac, l3Name)));
        }
        // INSERT IGNORE turns a missing host (foreign key) into "no row" too: checked here, not before every insert
        if (hostId != null && !hosts.exists(hostId)) {
            throw new InvalidInputException("hostId",
                    Text.of(NetworkMessages.class, m -> m.error_unknown_host(hostId)));
        }
        return Optional.empty();
    }

    /** No address is free: the one the owner holds already, else {@link NoFreeAddressException}. */
    private Optional<IpAllocationView> heldOrFull(String l3Id, String ownerId, String l3Name) {
        Optional<IpAllocationView> held = held(l3Id, ownerId);
        if (held.isEmpty()) {
            throw new NoFreeAddressException(l3Name);
        }
        return held;
    }

    private Optional<IpAllocationView> held(String l3Id, String ownerId) {
        return IpAllocation.<IpAllocation>find("l3Id = ?1 and ownerId = ?2", l3Id, ownerId).firstResultOptional()
                .map(IpAllocationView::of);
    }

    private Long nextFree(String l3Id, long from) {
        Object v = em.createNativeQuery(NEXT_FREE).setParameter("s", from).setParameter("l3", l3Id)
                .getSingleResult();
        return v == null ? null : ((Number) v).longValue();
    }

    /** Frees the address {@code ownerId} holds in the L3 network. Idempotent: nothing held is success. */
    @Transactional
    public void release(String l3Id, String ownerId) {
        IpAllocation.delete("l3Id = ?1 and ownerId = ?2", l3Id, ownerId);
    }

    /** Frees every address {@code ownerId} holds, in any L3 network. Idempotent. */
    @Transactional
    public void releaseOwner(String ownerId) {
        IpAllocation.delete("ownerId", ownerId);
    }

    /**
     * Binds every address {@code ownerId} holds to another host (a VM that moved, issue 12): that host's DHCP server
     * hands out its leases from the next refresh. Idempotent.
     */
    @Transactional
    public void moveToHost(String ownerId, String hostId) {
        IpAllocation.update("hostId = ?1 where ownerId = ?2", hostId, ownerId);
    }

    /** The address {@code ownerId} holds in the L3 network, if any. */
    @Transactional
    public Optional<IpAllocationView> find(String l3Id, String ownerId) {
        return held(l3Id, ownerId);
    }

    /** Every allocation of the L3 network that has a MAC: the static DHCP leases, by address. */
    @Transactional
    public List<IpAllocationView> leases(String l3Id) {
        return IpAllocation.<IpAllocation>list("l3Id = ?1 and mac is not null order by ipValue", l3Id).stream()
                .map(IpAllocationView::of).toList();
    }

    /** A host's DHCP on an L3 network: the address its server holds, if any, and the leases it hands out. */
    public record HostDhcp(String serverIp, List<IpAllocationView> leases) {
    }

    /**
     * The host's DHCP server address on the L3 network ({@link #find find(l3Id, hostId)}) and the static leases that
     * server hands out: the L3 network's allocations with a MAC bound to that host (its VMs' NICs). Each host serves
     * its own VMs, so a lease set grows with the VMs of one host, not of the whole network, and two hosts on one
     * physical segment never answer for the same NIC. One statement, plain JDBC: the network step of every VM create
     * asks (docs/architecture.md).
     */
    @Transactional
    public HostDhcp hostDhcp(String l3Id, String hostId) {
        String server = null;
        List<IpAllocationView> leases = new ArrayList<>();
        for (Object[] r : sql.flushedQuery("SELECT id, ip, owner_type, owner_id, mac, hostname, host_id, created_at"
                + " FROM ip_allocation WHERE l3_id = ? AND (owner_id = ? OR (host_id = ? AND mac IS NOT NULL))"
                + " ORDER BY ip_value", l3Id, hostId, hostId)) {
            IpAllocationView a = new IpAllocationView((String) r[0], l3Id, (String) r[1], (String) r[2],
                    (String) r[3], (String) r[4], (String) r[5], (String) r[6], io.nubis.platform.DbTime.read(r[7]));
            if (hostId.equals(a.ownerId())) {
                server = a.ip();
            }
            if (a.mac() != null && hostId.equals(a.hostId())) {
                leases.add(a);
            }
        }
        return new HostDhcp(server, leases);
    }

    /** Deadlocks and lock wait timeouts between concurrent allocators: the attempt is simply repeated. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || s.getErrorCode() == 1213
                    || s.getErrorCode() == 1205)) {
                return true;
            }
            if (t instanceof org.hibernate.exception.LockAcquisitionException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
