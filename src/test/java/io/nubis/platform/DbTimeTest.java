package io.nubis.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DbTimeTest {

    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    @Test
    void writesUtcWithMillisecondsLikeTheFormatter() {
        assertEquals("2026-11-25 18:39:20.123", DbTime.of(Instant.parse("2026-11-25T18:39:20.123456789Z")));
        assertEquals("1970-01-01 00:00:00.000", DbTime.of(Instant.EPOCH));
        assertEquals("2000-02-29 23:59:59.999", DbTime.of(Instant.parse("2000-02-29T23:59:59.999999Z")));
        assertEquals("1969-12-31 23:59:59.500", DbTime.of(Instant.parse("1969-12-31T23:59:59.500Z")));
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-30_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000));
            assertEquals(REFERENCE.format(t), DbTime.of(t), t.toString());
        }
    }

    @Test
    void yearsOutsideFourDigitsGoThroughTheFormatter() {
        Instant far = Instant.parse("+12026-01-02T03:04:05.006Z");
        assertEquals(REFERENCE.format(far), DbTime.of(far));
        Instant early = Instant.parse("0999-12-31T23:59:59.999Z");
        assertEquals(REFERENCE.format(early), DbTime.of(early));
    }

    @Test
    void readsWhatConnectorJReturnsForADatetimeAsUtc() {
        assertEquals(Instant.parse("2026-11-25T18:39:20.123Z"),
                DbTime.read(java.time.LocalDateTime.of(2026, 11, 25, 18, 39, 20, 123_000_000)));
        org.junit.jupiter.api.Assertions.assertNull(DbTime.read(null));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DbTime.read("x"));
    }
}
