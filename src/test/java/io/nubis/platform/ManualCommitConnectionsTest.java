package io.nubis.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The default datasource's connections stay in manual-commit mode (no {@code SET autocommit} around transactions), a
 * JTA transaction still commits, and a read outside any transaction does not leave its transaction open on the pooled
 * connection for the next user.
 */
@QuarkusTest
class ManualCommitConnectionsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void connectionsAreInManualCommitModeAndJtaTransactionsCommit() throws Exception {
        String id = Ids.newId();
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                assertEquals("0", value(st, "SELECT @@autocommit"));
                st.executeUpdate("INSERT INTO zone (id, name, description, state, account_id, created_at, updated_at)"
                        + " SELECT '" + id + "', 'mc-" + id.substring(0, 8) + "', '', 'Enabled', id, NOW(3), NOW(3)"
                        + " FROM account ORDER BY created_at LIMIT 1");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        // seen from a connection of its own: committed
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            assertEquals("1", value(st, "SELECT COUNT(*) FROM zone WHERE id = '" + id + "'"));
            st.executeUpdate("DELETE FROM zone WHERE id = '" + id + "'");
            other.commit();
        }
    }

    @Test
    void aReadOutsideATransactionLeavesNoOpenTransactionOnThePooledConnection() throws Exception {
        String connectionId;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            connectionId = value(st, "SELECT CONNECTION_ID()");
            value(st, "SELECT COUNT(*) FROM zone");
            assertEquals("1", value(st, "SELECT @@in_transaction"), "the read opened a transaction");
        }
        // find that connection in the pool again (usually the first one back: the pool's thread-local cache; under
        // load another thread may have it for a moment, so the ones handed out meanwhile are held, then returned)
        java.util.List<Connection> held = new java.util.ArrayList<>();
        boolean found = false;
        try {
            for (int i = 0; i < 200 && !found; i++) {
                Connection c = dataSource.getConnection();
                held.add(c);
                try (Statement st = c.createStatement()) {
                    if (connectionId.equals(value(st, "SELECT CONNECTION_ID()"))) {
                        assertEquals("0", value(st, "SELECT @@in_transaction"),
                                "rolled back when it went back to the pool");
                        found = true;
                    }
                }
                if (!found && held.size() >= 8) {
                    for (Connection h : held) {
                        h.close();
                    }
                    held.clear();
                    Thread.sleep(10);
                }
            }
        } finally {
            for (Connection h : held) {
                h.close();
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(found, "the connection came back to the pool");
    }

    private static String value(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
