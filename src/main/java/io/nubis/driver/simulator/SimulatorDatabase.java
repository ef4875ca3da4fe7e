package io.nubis.driver.simulator;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The simulator's access to its tables ({@code sim_*}, migration V10) through the datasource {@code simulator}: plain
 * JDBC, one autocommit statement per method, never inside a JTA transaction (a simulated host's state must not roll
 * back with Nubis's transactions, as a real host's does not). Each statement is atomic on its own, so concurrent job
 * workers and several servers never lose each other's writes.
 *
 * <p>
 * Every statement is counted ({@link SimulatorStatements}), per machine and action, so that the simulator's database
 * cost can be told apart from Nubis's own (docs/performance.md); the total is logged at shutdown.
 */
@ApplicationScoped
class SimulatorDatabase {

    private static final Logger LOG = Logger.getLogger(SimulatorDatabase.class);
    /** MySQL/MariaDB error code of a duplicate unique key. */
    private static final int DUPLICATE_KEY = 1062;

    @Inject
    @DataSource("simulator")
    AgroalDataSource dataSource;

    private final SimulatorStatements statements = new SimulatorStatements();

    /** The statements this server sent (a method: a field read through the bean's client proxy would miss them). */
    SimulatorStatements statements() {
        return statements;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface Row<T> {

        T map(ResultSet rs) throws SQLException;
    }

    /** The first row of the query, if any (empty also when the row maps to null). */
    <T> Optional<T> one(Call call, String sql, Row<T> row, Object... args) {
        List<T> all = list(call, sql, row, args);
        return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
    }

    <T> List<T> list(Call call, String sql, Row<T> row, Object... args) {
        statements.count(call);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** Runs an insert, update or delete; returns the number of rows it matched. */
    int update(Call call, String sql, Object... args) {
        statements.count(call);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** Runs an insert or update; returns false instead of failing when it would duplicate a unique key. */
    boolean applyUnlessDuplicate(Call call, String sql, Object... args) {
        statements.count(call);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
            return true;
        } catch (SQLIntegrityConstraintViolationException e) {
            if (e.getErrorCode() == DUPLICATE_KEY) {
                return false;
            }
            throw failed(sql, e);
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /**
     * Runs a statement that sets {@code LAST_INSERT_ID(expr)} and returns that value, which the server sends back with
     * the statement's result: an atomic increment-and-read in one round trip.
     */
    long updateReturningLastInsertId(Call call, String sql, Object... args) {
        statements.count(call);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new IllegalStateException("the database returned no LAST_INSERT_ID for: " + sql);
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    void logTotal(@Observes ShutdownEvent e) {
        if (statements.total() > 0) {
            LOG.infof("simulator: %d SQL statements sent by this server (datasource 'simulator')", statements.total());
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static IllegalStateException failed(String sql, SQLException e) {
        return new IllegalStateException("simulator database: " + e.getMessage() + " (" + sql + ")", e);
    }
}
