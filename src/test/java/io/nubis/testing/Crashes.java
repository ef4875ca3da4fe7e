package io.nubis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.nubis.job.JobFaultHook;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.awaitility.Awaitility;

/** The crash tests' moves (issue 7): wait for an armed crash, then leave the job as a dead node would. */
public final class Crashes {

    private Crashes() {
    }

    /** Waits until the crash armed for {@code type}/{@code step} stopped a job; returns that job's id. */
    public static String crashedJob(JobFaultHook faults, String type, String step) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> faults.crashedJob(type, step).isPresent());
        return faults.crashedJob(type, step).orElseThrow();
    }

    /** Expires the lease of a job whose runner "died", as a dead node would leave it; recovery takes it over. */
    public static void expire(AgroalDataSource db, String job) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement st = c.prepareStatement("UPDATE job SET"
                        + " lease_owner = 'dead-node', lease_until = '2000-01-01 00:00:00' WHERE id = ?")) {
            st.setString(1, job);
            assertEquals(1, st.executeUpdate());
            c.commit();
        }
    }
}
