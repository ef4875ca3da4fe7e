package io.nubis.platform;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as Nubis binds them in its own SQL (the job engine, {@link Sql}): UTC text with milliseconds, e.g.
 * {@code 2026-11-25 18:39:20.123}.
 *
 * <p>
 * Why text: MySQL Connector/J drops the fractional seconds of every bound timestamp when it believes the server
 * predates MySQL 5.6.4, and it believes that of MariaDB, which greets clients as {@code 5.5.5-10.x-MariaDB} (see
 * docs/database.md). A job's {@code started_at}, {@code finished_at} and lease would be cut to the second. A
 * {@code DATETIME(3)} column takes this text as it is on MySQL and MariaDB alike, and Hibernate reads it back as UTC
 * ({@code quarkus.hibernate-orm.jdbc.timezone=UTC}). Times always come from this JVM's clock, never the database's.
 */
public final class DbTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    /** Digits of year, month, day, hour, minute, second and millisecond, and what comes between them. */
    private static final int[] WIDTHS = {4, 2, 2, 2, 2, 2, 3};
    private static final String SEPARATORS = "-- ::.";

    private DbTime() {
    }

    /**
     * {@code t} as UTC text with milliseconds (the precision of the schema's {@code DATETIME(3)} columns). Written out
     * by hand: it runs for every job update, and {@link DateTimeFormatter#format} showed up in profiles of the scale
     * benchmark (docs/performance.md); years outside 1000-9999 go through the formatter.
     */
    public static String of(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC);
        if (d.getYear() < 1000 || d.getYear() > 9999) {
            return FORMAT.format(t);
        }
        int[] fields = {d.getYear(), d.getMonthValue(), d.getDayOfMonth(), d.getHour(), d.getMinute(), d.getSecond(),
                d.getNano() / 1_000_000};
        char[] c = new char[23];
        int at = 0;
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                c[at++] = SEPARATORS.charAt(i - 1);
            }
            put(c, at, fields[i], WIDTHS[i]);
            at += WIDTHS[i];
        }
        return new String(c);
    }

    /**
     * A {@code DATETIME} column's value as {@link Sql#query} returns it (Connector/J: a {@link LocalDateTime}, the UTC
     * time this class wrote) as an instant; null stays null.
     */
    public static Instant read(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDateTime d) {
            return d.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a DATETIME value: " + value.getClass().getName());
    }

    /** {@code value} as {@code digits} decimal digits, zero-padded, into {@code c} from {@code at}. */
    private static void put(char[] c, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
