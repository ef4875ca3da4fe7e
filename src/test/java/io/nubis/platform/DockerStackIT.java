package io.nubis.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.testing.PackagedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the docker/ stack, as far as this machine can run it without a Docker engine. The packaged server (what the
 * image runs) starts with the environment {@code docker/compose.yaml} and {@code docker/Dockerfile} give it (the
 * database address and password swapped for the test's MariaDB, {@code /var/lib/nubis} for a folder of the test) and is
 * ready, with the secret key on the volume's path, JSON log lines and the health check's URL answering; the Keycloak
 * image is the version {@code ./nubis} runs, and the realm the stack imports lets the portal's URL log in.
 */
class DockerStackIT {

    static final Path COMPOSE = Path.of("docker", "compose.yaml");
    static final Path DOCKERFILE = Path.of("docker", "Dockerfile");

    @Test
    void theServerRunsWithTheStacksConfiguration() throws Exception {
        Map<String, String> env = new LinkedHashMap<>(dockerfileEnv());
        env.putAll(composeEnv("nubis"));
        assertEquals("/var/lib/nubis/secret.key", env.get("NUBIS_SECRETS_KEY_FILE"));
        assertEquals("kvm", env.get("NUBIS_KVM_DOMAIN_TYPE"));
        assertEquals("true", env.get("NUBIS_LOG_JSON"));
        // what differs here: the database (MariaDB of the tests) and the volume's folder
        env.remove("NUBIS_DB_URL");
        env.put("NUBIS_DB_PASSWORD", "nubis");
        Path volume = Files.createDirectories(Path.of("target", "docker-stack-it", "var-lib-nubis"))
                .toAbsolutePath();
        Files.deleteIfExists(volume.resolve("secret.key"));
        env.put("NUBIS_SECRETS_KEY_FILE", volume.resolve("secret.key").toString());

        try (PackagedServer server = new PackagedServer("docker-stack-it",
                PackagedServer.envOr("NUBIS_DOCKER_IT_DB", "nubis_docker_it"),
                Integer.parseInt(PackagedServer.envOr("NUBIS_DOCKER_IT_PORT", "8098")), env)) {
            server.start();
            assertTrue(Files.size(volume.resolve("secret.key")) > 0, "the secret key is made on the volume");
            // the image's health check asks /q/health/ready (on 8080 in the container)
            Matcher health = Pattern.compile("curl -fs http://localhost:8080(/q/health/ready)")
                    .matcher(Files.readString(DOCKERFILE));
            assertTrue(health.find());
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server
                    .baseUrl() + health.group(1))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            for (String check : List.of("Database connections health check", "keycloak", "job-dispatcher")) {
                assertTrue(ready.body().contains(check), check + " in " + ready.body());
            }
            List<String> log = Files.readAllLines(server.work().resolve("server.log"));
            assertTrue(log.stream().filter(l -> l.startsWith("{")).anyMatch(l -> l.contains("\"message\"")),
                    "JSON log lines");
        }
    }

    /** A key the server cannot make (a volume not mounted, or not writable) stops it at start, naming the file. */
    @Test
    void aKeyTheServerCannotMakeStopsItAtStart() throws Exception {
        // a regular file where the key's folder should be: not even root can make the key there
        Path notAFolder = Files.createDirectories(Path.of("target", "docker-stack-it")).toAbsolutePath()
                .resolve("not-a-folder");
        Files.writeString(notAFolder, "a file");
        String key = notAFolder.resolve("secret.key").toString();
        try (PackagedServer server = new PackagedServer("docker-stack-it-nokey",
                PackagedServer.envOr("NUBIS_DOCKER_IT_DB", "nubis_docker_it"),
                Integer.parseInt(PackagedServer.envOr("NUBIS_DOCKER_IT_PORT", "8098")),
                Map.of("NUBIS_SECRETS_KEY_FILE", key))) {
            assertTrue(server.startExpectingExit() != 0);
            String log = Files.readString(server.work().resolve("server.log"));
            assertTrue(log.contains(key), "the log names the key file: " + log.substring(Math.max(0, log.length()
                    - 3000)));
        }
    }

    @Test
    void keycloakIsTheVersionTheScriptsRunAndTheRealmLetsThePortalIn() throws Exception {
        Matcher kc = Pattern.compile("(?m)^KC_VERSION=\\$\\{KC_VERSION:-([0-9.]+)}").matcher(Files.readString(Path
                .of("nubis")));
        assertTrue(kc.find());
        assertTrue(Files.readString(COMPOSE).contains("image: quay.io/keycloak/keycloak:" + kc.group(1)));
        Map<String, String> nubis = composeEnv("nubis");
        String issuer = nubis.get("NUBIS_KEYCLOAK_URL");
        assertTrue(Files.readString(COMPOSE).contains("\"--hostname=" + issuer + "\""),
                "Keycloak's hostname is the issuer the server expects");
        String realm = Files.readString(Path.of("dev", "keycloak", "nubis-realm.json"));
        assertTrue(realm.contains("\"http://localhost:*\""), "the portal on http://localhost:8080 may log in");
        assertEquals(nubis.get("NUBIS_OIDC_CLIENT_SECRET"), secretOf(realm, "nubis-portal"));
        assertEquals(nubis.get("NUBIS_KEYCLOAK_ADMIN_CLIENT_SECRET"), secretOf(realm, "nubis-admin"));
    }

    /** The {@code secret} of a client in the realm file. */
    static String secretOf(String realm, String clientId) {
        Matcher m = Pattern.compile("\"clientId\"\\s*:\\s*\"" + clientId + "\"[^}]*?\"secret\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(realm);
        assertTrue(m.find(), clientId);
        return m.group(1);
    }

    /** The environment of one service of the compose file (its {@code environment:} map). */
    static Map<String, String> composeEnv(String service) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        boolean inService = false;
        boolean inEnv = false;
        for (String line : Files.readAllLines(COMPOSE)) {
            if (line.matches("^  [a-z]+:\\s*$")) {
                inService = line.strip().equals(service + ":");
                inEnv = false;
            } else if (inService && line.matches("^    [a-z_]+:.*")) {
                inEnv = line.strip().equals("environment:");
            } else if (inService && inEnv) {
                Matcher m = Pattern.compile("^      ([A-Z_]+): (.+)$").matcher(line);
                if (m.matches()) {
                    env.put(m.group(1), m.group(2).strip());
                }
            }
        }
        assertTrue(!env.isEmpty(), "no environment for " + service);
        return env;
    }

    /** The {@code ENV} settings of the Dockerfile (continued lines joined). */
    static Map<String, String> dockerfileEnv() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        String text = Files.readString(DOCKERFILE).replace("\\\n", " ");
        for (String line : text.split("\n")) {
            if (line.startsWith("ENV ")) {
                Matcher m = Pattern.compile("([A-Z_]+)=(\"[^\"]*\"|\\S+)").matcher(line.substring(4));
                while (m.find()) {
                    env.put(m.group(1), m.group(2).replace("\"", ""));
                }
            }
        }
        return env;
    }
}
