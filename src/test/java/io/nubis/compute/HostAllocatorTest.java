package io.nubis.compute;

import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.iam.Caller;
import io.nubis.testing.Api;
import io.nubis.testing.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Issue 3: concurrent allocations never overcommit a host; the excess fails cleanly. */
@QuarkusTest
class HostAllocatorTest {

    @Inject
    HostAllocator allocator;
    @Inject
    SimulatorControl simulator;
    @Inject
    HostService hosts;

    @Test
    void parallelAllocationsNeverOvercommit() throws Exception {
        String cluster = Api.cluster(Api.zone(unique("alloc")), unique("alloc"));
        List<String> hostIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String address = unique("small") + ".example";
            simulator.define(address, 4, 8192);
            hostIds.add(Jobs.awaitFinal(Api.addHost(cluster, address)).getString("resourceId"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Optional<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> allocator.allocate(List.of(cluster), 1, 1024, HostAllocator.Strategy.LeastUsed));
        }
        int granted = 0;
        for (Future<Optional<String>> f : pool.invokeAll(calls)) {
            if (f.get().isPresent()) {
                granted++;
                assertTrue(hostIds.contains(f.get().get()));
            }
        }
        pool.shutdown();
        assertEquals(8, granted, "2 hosts x 4 CPUs");
        for (String id : hostIds) {
            HostView h = hosts.get(Caller.system(), id);
            assertEquals(0, h.cpuAvailable(), h.toString());
            assertEquals(8192 - 4 * 1024, h.memoryAvailableMib());
        }
        allocator.release(hostIds.get(0), 1, 1024);
        assertEquals(1, hosts.get(Caller.system(), hostIds.get(0)).cpuAvailable());
        assertEquals(hostIds.get(0),
                allocator.allocate(List.of(cluster), 1, 1024, HostAllocator.Strategy.FirstFit).orElseThrow());
    }
}
