package io.nubis.platform;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;

/**
 * SQL on the hot paths (the job engine's own rows, audit events), sent through plain JDBC on the connection of the
 * caller's transaction. Hibernate's native queries cost several times what the statement itself costs here (a query
 * plan, parameter binding, an auto-flush check and a cache clean-up action over every entity type per update): the
 * scale benchmark's profile put two thirds of a job progress update in Hibernate (docs/performance.md). Inside a JTA
 * transaction the datasource hands out the transaction's own connection, so these statements commit or roll back with
 * everything else the transaction does, entities included (a Hibernate query in the same transaction sees them). Call
 * only inside a transaction ({@code MANDATORY}). Values are bound as parameters, never spliced into the SQL; an
 * {@link Instant} is bound as UTC text with milliseconds ({@link DbTime}). Entities stay the way to read and write a
 * feature's rows elsewhere (docs/architecture.md).
 */
@ApplicationScoped
@jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
public class Sql {

    /** MySQL's and MariaDB's error code for a row a unique key refused. */
    private static final int DUPLICATE_KEY = 1062;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    jakarta.persistence.EntityManager em;

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
    public int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    /**
     * Runs an INSERT; false, with nothing written, when the unique key named {@code uniqueKey} refused the row (MariaDB
     * undoes that statement alone). Any other failure throws, as {@link #update} does. The refusal never leaves this
     * method as an exception: one that passed this bean's transaction interceptor would mark the caller's transaction
     * rollback-only, and a caller that went on would see its work silently rolled back at the end.
     */
    public boolean insertUnlessDuplicate(String uniqueKey, String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == DUPLICATE_KEY && e.getMessage() != null && e.getMessage().contains(uniqueKey)) {
                return false;
            }
            throw new SqlFailure(sql, e);
        }
    }

    /** Runs a query; each row as its columns' values. */
    public List<Object[]> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                List<Object[]> rows = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    /**
     * {@link #query} after Hibernate has flushed the transaction's pending entity changes (as it does before its own
     * native queries), so the query sees them: for reads on hot paths whose transaction may hold changed entities of
     * the tables read. About a third of what a Hibernate native query costs the server (docs/performance.md, "Runs of
     * 2026-12-07").
     */
    public List<Object[]> flushedQuery(String sql, Object... args) {
        em.flush();
        return query(sql, args);
    }

    /**
     * {@link #update} after Hibernate has flushed the transaction's pending entity changes, so that a changed entity of
     * the same row is written first and cannot overwrite this statement's change at commit. An entity of that row
     * already loaded in the transaction keeps its old values: read the row again instead of using such an entity after
     * this.
     */
    public int flushedUpdate(String sql, Object... args) {
        em.flush();
        return update(sql, args);
    }

    /** The first column of each row ({@link #flushedQuery}). */
    @SuppressWarnings("unchecked")
    public <T> List<T> flushedColumn(String sql, Object... args) {
        return flushedQuery(sql, args).stream().map(r -> (T) r[0]).toList();
    }

    /** A boolean column's value as {@link #query} returns it (Connector/J: Boolean for BIT(1) and TINYINT(1)). */
    public static boolean flag(Object value) {
        return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i] instanceof Instant t ? DbTime.of(t) : args[i]);
        }
    }

    /** A statement failed; the {@link SQLException} is the cause (lock conflicts are found there). */
    public static final class SqlFailure extends RuntimeException {

        SqlFailure(String sql, SQLException cause) {
            super("statement failed: " + cause.getMessage() + " [" + sql + "]", cause);
        }
    }
}
