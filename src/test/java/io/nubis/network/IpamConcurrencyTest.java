package io.nubis.network;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.platform.Ids;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.testing.Api;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** IPAM under contention: the unique keys, not luck, keep two owners from ever getting one address. */
@QuarkusTest
class IpamConcurrencyTest {

    static final int PARALLEL = 200;

    @Inject
    IpamService ipam;

    String l3(String cidr) {
        String l2 = NetworkFixtures.l2(Api.zone(unique("z")), unique("l2"));
        return NetworkFixtures.l3(l2, unique("l3"), cidr, null, false);
    }

    /** Outcome of one allocation attempt: the address, or the exception it ended with. */
    record Outcome(String ip, Throwable error) {
    }

    List<Outcome> allocateInParallel(String l3) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                String owner = Ids.newId();
                String mac = String.format("52:54:00:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        return new Outcome(ipam.allocate(l3, "vm-nic", owner, mac, "vm" + owner.substring(0, 8),
                                null).ip(), null);
                    } catch (Throwable t) {
                        return new Outcome(null, t);
                    }
                }));
            }
            go.countDown();
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoHundredParallelAllocationsOnATenAddressRangeGiveExactlyTenAddresses() throws Exception {
        String l3 = l3("10.70.0.0/24");
        NetworkFixtures.range(l3, "10.70.0.10", "10.70.0.14");
        NetworkFixtures.range(l3, "10.70.0.200", "10.70.0.204");
        List<Outcome> outcomes = allocateInParallel(l3);

        List<String> ips = outcomes.stream().filter(o -> o.ip() != null).map(Outcome::ip).toList();
        assertEquals(10, ips.size(), "exactly the range size succeeds");
        assertEquals(10, new HashSet<>(ips).size(), "no address twice: " + ips);
        for (String ip : ips) {
            long v = Ipv4.parse(ip);
            assertTrue((v >= Ipv4.parse("10.70.0.10") && v <= Ipv4.parse("10.70.0.14"))
                    || (v >= Ipv4.parse("10.70.0.200") && v <= Ipv4.parse("10.70.0.204")), ip + " inside a range");
        }
        for (Outcome o : outcomes) {
            if (o.ip() == null) {
                assertTrue(o.error() instanceof NoFreeAddressException, "clean failure, got " + o.error());
            }
        }
        as(Tokens.ADMIN).get("/v1/l3-networks/" + l3).then().statusCode(200)
                .body("ipUsed", org.hamcrest.Matchers.is(10)).body("ipTotal", org.hamcrest.Matchers.is(10));
        assertEquals(10, ipam.leases(l3).size());
    }

    @Test
    void twoHundredParallelAllocationsOnABigRangeAllSucceedWithDistinctAddresses() throws Exception {
        String l3 = l3("10.71.0.0/22");
        NetworkFixtures.range(l3, "10.71.0.1", "10.71.3.254");
        List<Outcome> outcomes = allocateInParallel(l3);
        List<Throwable> errors = outcomes.stream().map(Outcome::error).filter(e -> e != null).toList();
        assertEquals(List.of(), errors);
        Set<String> ips = new HashSet<>(outcomes.stream().map(Outcome::ip).toList());
        assertEquals(PARALLEL, ips.size());
    }

    @Test
    void theFreeAddressesLeftAtRangeEdgesAreExactlyTheOnesHandedOut() {
        // the search for the next free address (after a random pick that was taken) walks the allocations from the
        // pick: gaps at a range's first and last address and at the next range's start must all be found, wrapping
        // around to the first range
        String l3 = l3("10.73.0.0/24");
        NetworkFixtures.range(l3, "10.73.0.10", "10.73.0.14");
        NetworkFixtures.range(l3, "10.73.0.20", "10.73.0.24");
        java.util.Map<String, String> ownerOf = new java.util.HashMap<>();
        for (int i = 0; i < 10; i++) {
            String owner = Ids.newId();
            ownerOf.put(ipam.allocate(l3, "vm-nic", owner, null, null, null).ip(), owner);
        }
        assertEquals(10, ownerOf.size());
        Set<String> freed = Set.of("10.73.0.10", "10.73.0.14", "10.73.0.20", "10.73.0.22");
        for (String ip : freed) {
            ipam.release(l3, ownerOf.get(ip));
        }
        Set<String> again = new HashSet<>();
        for (int i = 0; i < freed.size(); i++) {
            again.add(ipam.allocate(l3, "vm-nic", Ids.newId(), null, null, null).ip());
        }
        assertEquals(freed, again);
        assertThrows(NoFreeAddressException.class, () -> ipam.allocate(l3, "vm-nic", Ids.newId(), null, null, null));
    }

    @Test
    void allocationIsIdempotentPerOwnerAndReleaseIsToo() {
        String l3 = l3("10.72.0.0/24");
        NetworkFixtures.range(l3, "10.72.0.10", "10.72.0.11");
        String owner = Ids.newId();
        IpAllocationView first = ipam.allocate(l3, "vm-nic", owner, "52:54:00:00:00:01", "a", null);
        assertEquals(first.ip(), ipam.allocate(l3, "vm-nic", owner, "52:54:00:00:00:01", "a", null).ip());
        InvalidInputException macTaken = assertThrows(InvalidInputException.class,
                () -> ipam.allocate(l3, "vm-nic", Ids.newId(), "52:54:00:00:00:01", null, null));
        assertEquals("mac", macTaken.errors().get(0).field());
        IpAllocationView second = ipam.allocate(l3, "vm-nic", Ids.newId(), "52:54:00:00:00:02", null, null);
        assertThrows(NoFreeAddressException.class, () -> ipam.allocate(l3, "vm-nic", Ids.newId(), null, null, null));
        assertEquals(second.ip(), ipam.allocate(l3, "vm-nic", second.ownerId(), "52:54:00:00:00:02", null, null).ip(),
                "a full network still answers an owner that holds an address");

        ipam.release(l3, owner);
        ipam.release(l3, owner);
        assertEquals(first.ip(), ipam.allocate(l3, "vm-nic", Ids.newId(), null, null, null).ip(),
                "the released address is the only free one");
        ipam.releaseOwner(second.ownerId());
        ipam.releaseOwner(second.ownerId());
        assertEquals(0, ipam.leases(l3).size(), "only the MAC-less one is left: no lease");
    }

    @Test
    void badArgumentsAreFieldErrors() {
        String l3 = l3("10.73.0.0/24");
        NetworkFixtures.range(l3, "10.73.0.10", "10.73.0.20");
        String owner = Ids.newId();
        assertEquals("mac", assertThrows(InvalidInputException.class,
                () -> ipam.allocate(l3, "vm-nic", owner, "52:54:00:zz:00:01", null, null)).errors().get(0).field());
        assertEquals("hostname", assertThrows(InvalidInputException.class,
                () -> ipam.allocate(l3, "vm-nic", owner, null, "a,b\nc", null)).errors().get(0).field());
        assertEquals("ownerId", assertThrows(InvalidInputException.class,
                () -> ipam.allocate(l3, "vm-nic", "not-an-id", null, null, null)).errors().get(0).field());
        assertEquals("hostId", assertThrows(InvalidInputException.class,
                () -> ipam.allocate(l3, "vm-nic", owner, null, null, Ids.newId())).errors().get(0).field());
        assertThrows(NotFoundException.class, () -> ipam.allocate(Ids.newId(), "vm-nic", owner, null, null, null));
        assertTrue(ipam.find(l3, owner).isEmpty());
    }
}
