package io.nubis.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One run of the work for concurrent calls with the same key (CallerResolver's logins). */
class SingleFlightTest {

    @Test
    void concurrentCallsForOneKeyShareOneRun() throws Exception {
        SingleFlight<String, String> flight = new SingleFlight<>(Duration.ofSeconds(10));
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(pool.submit(() -> flight.run("alice", () -> {
                    runs.incrementAndGet();
                    started.countDown();
                    await(release);
                    return "caller of alice";
                })));
            }
            started.await();
            Thread.sleep(200); // the others are waiting for the first run now
            release.countDown();
            for (Future<String> f : calls) {
                assertEquals("caller of alice", f.get());
            }
            assertEquals(1, runs.get(), "one run for twenty concurrent calls");
            assertEquals("again", flight.run("alice", () -> "again"), "nothing is kept once the run ended");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefusalIsEveryWaitersAndOtherFailuresLetAWaiterTryItself() throws Exception {
        SingleFlight<String, String> flight = new SingleFlight<>(Duration.ofSeconds(10));
        assertThrows(ForbiddenException.class, () -> shared(flight, ForbiddenException::adminOnly, "own run"),
                "the first run's refusal, not the waiter's own run");
        assertEquals("own run", shared(flight, () -> new IllegalStateException("database down"), "own run"));
    }

    @Test
    void aWaiterThatWaitedTooLongRunsTheWorkItself() throws Exception {
        SingleFlight<String, String> flight = new SingleFlight<>(Duration.ofMillis(100));
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch started = new CountDownLatch(1);
            Future<String> slow = pool.submit(() -> flight.run("k", () -> {
                started.countDown();
                await(release);
                return "slow";
            }));
            started.await();
            assertEquals("own", flight.run("k", () -> "own"));
            release.countDown();
            assertEquals("slow", slow.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The first call (on another thread) fails with {@code failure} once a second call waits for it; returns what the
     * second call returns when its own work gives {@code own}.
     */
    private static String shared(SingleFlight<String, String> flight,
            java.util.function.Supplier<RuntimeException> failure,
            String own) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = pool.submit(() -> flight.run("k", () -> {
                started.countDown();
                await(release);
                throw failure.get();
            }));
            started.await();
            Future<String> second = Executors.newSingleThreadExecutor().submit(() -> flight.run("k", () -> own));
            Thread.sleep(200);
            release.countDown();
            assertThrows(Exception.class, first::get);
            try {
                return second.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw (Exception) e.getCause();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
