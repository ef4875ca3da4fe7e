package io.nubis.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PingPoolTest {

    @Test
    void aRoundWaitsForItsPings() {
        PingPool pool = new PingPool(2, "test-ping");
        AtomicInteger done = new AtomicInteger();
        List<Runnable> pings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pings.add(() -> {
                sleep(50);
                done.incrementAndGet();
            });
        }

        pool.runAll(pings, Duration.ofSeconds(10));

        assertEquals(6, done.get());
        pool.stop();
    }

    @Test
    void aPingThatTakesTooLongIsCancelled() {
        PingPool pool = new PingPool(1, "test-ping");
        AtomicInteger interrupted = new AtomicInteger();
        long start = System.nanoTime();

        pool.runAll(List.of(() -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
        }), Duration.ofMillis(300));

        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 250 && ms < 5_000, ms + " ms");
        pool.stop();
    }

    /**
     * The shutdown hang: one thread, a ping that hangs and many queued behind it, each waited for up to a minute. Stop
     * must end the round at once (it waited for every never-started ping before, one bound each).
     */
    @Test
    void stopEndsAWaitingRoundAtOnce() throws InterruptedException {
        PingPool pool = new PingPool(1, "test-ping");
        CountDownLatch hanging = new CountDownLatch(1);
        List<Runnable> pings = new ArrayList<>();
        pings.add(() -> {
            hanging.countDown();
            sleepUninterruptibly(3_000); // like a blocking socket read, deaf to interrupts
        });
        for (int i = 0; i < 50; i++) {
            pings.add(() -> sleep(10));
        }
        CountDownLatch roundOver = new CountDownLatch(1);
        Thread round = new Thread(() -> {
            pool.runAll(pings, Duration.ofSeconds(60));
            roundOver.countDown();
        });
        round.start();
        assertTrue(hanging.await(5, TimeUnit.SECONDS));

        long start = System.nanoTime();
        pool.stop();

        assertTrue(roundOver.await(2, TimeUnit.SECONDS), "the round still waits after stop");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2_000);
        // a round after the stop starts nothing
        AtomicInteger ran = new AtomicInteger();
        pool.runAll(List.of(ran::incrementAndGet), Duration.ofSeconds(5));
        assertEquals(0, ran.get());
        assertTrue(pool.stopped());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUninterruptibly(long ms) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            } catch (InterruptedException ignored) {
                // deaf to interrupts on purpose
            }
        }
    }
}
