package io.nubis.platform;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Refuses to start on a database server Nubis does not support: MySQL older than 8.0 or MariaDB older than 10.6 (both
 * needed for {@code SELECT ... FOR UPDATE SKIP LOCKED}). Replaces Hibernate's check, which cannot read MariaDB's
 * version through MySQL Connector/J (docs/database.md).
 */
@ApplicationScoped
public class DatabaseVersionCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseVersionCheck.class);
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

    @Inject
    AgroalDataSource dataSource;

    void onStart(@Observes StartupEvent e) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            String version = rs.getString(1);
            String problem = problem(version);
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
            LOG.infof("database server %s", version);
        }
    }

    /** Null when the version string is supported, otherwise why not. */
    static String problem(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            return "cannot read the database server version from '" + version + "'";
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        boolean mariadb = version.toLowerCase().contains("mariadb");
        boolean ok = mariadb ? major > 10 || (major == 10 && minor >= 6) : major >= 8;
        return ok
                ? null
                : "Nubis needs MySQL 8.0+ or MariaDB 10.6+, but the server is " + version;
    }
}
