package io.nubis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The packaged server ({@code target/quarkus-app}) as a real process on a database of its own, for the integration
 * tests failsafe runs after packaging: an empty install, with the production profile, on MariaDB and Keycloak as
 * {@code ./nubis test} provides them. Its log goes to {@code target/<name>/server.log}.
 */
public final class PackagedServer implements AutoCloseable {

    public static final String JDBC = "jdbc:mysql://127.0.0.1:3306/";

    private final String name;
    private final String db;
    private final int port;
    private final Path work;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Process process;

    /**
     * A server named {@code name} (also its node id and work folder) on database {@code db} (dropped and created empty
     * here) and HTTP port {@code port}; {@code env} adds or overrides environment variables.
     */
    public PackagedServer(String name, String db, int port, Map<String, String> env) throws Exception {
        this.name = name;
        this.db = db;
        this.port = port;
        this.work = Path.of("target", name);
        this.env.putAll(env);
        Files.createDirectories(work);
        System.setProperty("nubis.keycloak.url", envOr("NUBIS_KEYCLOAK_URL", "http://127.0.0.1:8180"));
        try (Connection c = DriverManager.getConnection(JDBC, "nubis", "nubis"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db);
            st.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    /** An environment variable, or the fallback when it is unset or blank. */
    public static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path work() {
        return work;
    }

    /** A connection to the server's database. */
    public Connection db() throws SQLException {
        return DriverManager.getConnection(JDBC + db, "nubis", "nubis");
    }

    /** One number from the server's database. */
    public long count(String sql) throws SQLException {
        try (Connection c = db(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Starts the server (same node id every time, so a restart takes its jobs over at once); waits until ready. */
    public void start() throws Exception {
        launch();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertTrue(process.isAlive(), "the server exited; see " + work.resolve("server.log"));
            try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
    }

    /** Starts the server and waits for it to exit by itself (a start that must fail); returns its exit code. */
    public int startExpectingExit() throws Exception {
        launch();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the server should have stopped by itself");
        return process.exitValue();
    }

    private void launch() throws Exception {
        File jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toFile();
        assertTrue(jar.isFile(), "package first: " + jar);
        // the small management node's JVM settings of ./nubis run (docs/operations.md): C1 only also starts faster
        ProcessBuilder pb = new ProcessBuilder(List.of("java", "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=64m", "-XX:MetaspaceSize=128m", "-jar",
                jar.getAbsolutePath()));
        Map<String, String> e = pb.environment();
        e.put("NUBIS_SECRETS_KEY_FILE", work.resolve("secret.key").toAbsolutePath().toString());
        e.put("NUBIS_DB_URL", JDBC + db);
        e.put("NUBIS_HTTP_PORT", Integer.toString(port));
        e.put("NUBIS_HTTP_HOST", "127.0.0.1");
        e.put("NUBIS_NODE_ID", name);
        e.putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("server.log")
                .toFile()));
        process = pb.start();
    }

    /** SIGKILL: no shutdown hook, no graceful job hand-over. */
    public void kill() throws Exception {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, process.exitValue(), "killed by SIGKILL");
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }
}
