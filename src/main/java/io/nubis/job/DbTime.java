package io.nubis.job;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as the job engine binds them in SQL: UTC text with milliseconds, e.g. {@code 2026-11-25 18:39:20.123}.
 *
 * <p>
 * Why text: MySQL Connector/J drops the fractional seconds of every bound timestamp when it believes the server
 * predates MySQL 5.6.4, and it believes that of MariaDB, which greets clients as {@code 5.5.5-10.x-MariaDB} (see
 * docs/database.md). A job's {@code started_at}, {@code finished_at} and lease would be cut to the second. A
 * {@code DATETIME(3)} column takes this text as it is on MySQL and MariaDB alike, and Hibernate reads it back as UTC
 * ({@code quarkus.hibernate-orm.jdbc.timezone=UTC}). Times always come from this JVM's clock, never the database's.
 */
final class DbTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private DbTime() {
    }

    /** {@code t} as UTC text with milliseconds (the precision of the schema's {@code DATETIME(3)} columns). */
    static String of(Instant t) {
        return FORMAT.format(t);
    }
}
