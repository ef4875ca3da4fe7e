package io.nubis.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Steps beside requests being served take turns (issue 7); a turn is waited for no longer than requests-first. */
class StepTurnsTest {

    @Test
    void stepsBesideRequestsTakeTurnsAndOthersNeedNone() {
        StepTurns turns = new StepTurns(2, Duration.ofMillis(200));
        assertSame(StepTurns.NONE, turns.take(false), "no request being served: no turn needed");
        StepTurns.Turn a = turns.take(true);
        StepTurns.Turn b = turns.take(true);
        assertEquals(0, turns.free());
        long t0 = System.nanoTime();
        StepTurns.Turn c = turns.take(true);
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertSame(StepTurns.NONE, c, "no turn within the wait: the step runs anyway");
        assertTrue(waited >= 190, "waited for a turn first: " + waited + " ms");
        a.close();
        assertEquals(1, turns.free());
        StepTurns.Turn d = turns.take(true);
        assertEquals(0, turns.free(), "the freed turn went to the next step");
        b.close();
        d.close();
        c.close(); // giving back no turn frees nothing
        assertEquals(2, turns.free());
    }

    @Test
    void noLimitMeansNoTurns() {
        StepTurns turns = new StepTurns(0, Duration.ofSeconds(5));
        for (int i = 0; i < 10; i++) {
            assertSame(StepTurns.NONE, turns.take(true));
        }
    }
}
