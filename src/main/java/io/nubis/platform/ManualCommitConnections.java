package io.nubis.platform;

import com.mysql.cj.jdbc.JdbcConnection;
import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Keeps the connections of Nubis's own (JTA) datasource in manual-commit mode for their whole life, so that a
 * transaction costs its statements and one {@code COMMIT}, not also a {@code SET autocommit=0} before and a
 * {@code SET autocommit=1} after (Agroal switches autocommit around every JTA transaction when the connection is in
 * auto-commit mode; 82 of 233 statements per VM create before this class, docs/performance.md).
 *
 * <p>
 * How: when the pool creates a physical connection, its driver connection (not Agroal's wrapper, which would mark the
 * attribute dirty and switch it back on every return) is put in manual-commit mode; Agroal's transaction start then
 * finds nothing to switch. Work done outside a JTA transaction (a read through a session without a transaction,
 * {@link DatabaseVersionCheck}, the pool's validation query) would otherwise leave an open transaction on a pooled
 * connection: when the connection goes back to the pool, it is rolled back. A connection someone switched to
 * auto-commit through the pool (Flyway does) is switched back when it returns. With
 * {@code useLocalTransactionState=true} (in the JDBC URL) the driver sends that {@code ROLLBACK} only when the server
 * reported an open transaction, so the return of a connection whose JTA transaction just committed costs nothing.
 *
 * <p>
 * Applies to the default datasource only (an interceptor without a {@code @DataSource} qualifier); the simulator's
 * datasource has no JTA and relies on auto-commit. Nothing may write through the default datasource outside a JTA
 * transaction: such writes would be rolled back here (none do; writes go through services' transactions).
 */
@ApplicationScoped
public class ManualCommitConnections implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(ManualCommitConnections.class);

    @Override
    public void onConnectionCreate(Connection connection) {
        try {
            driverConnection(connection).setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot switch a new database connection to manual commit", e);
        }
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        try {
            JdbcConnection driver = driverConnection(connection);
            if (driver.getAutoCommit()) {
                // someone switched it through the pool (Flyway does) and the pool reset it to its default: back
                driver.setAutoCommit(false);
            } else {
                driver.rollback();
            }
        } catch (SQLException e) {
            // throwing here would keep the connection out of the pool; a broken connection fails its next validation
            LOG.warnf(e, "cannot end the open transaction of a database connection returned to the pool");
        }
    }

    private static JdbcConnection driverConnection(Connection connection) throws SQLException {
        return connection.unwrap(JdbcConnection.class);
    }
}
