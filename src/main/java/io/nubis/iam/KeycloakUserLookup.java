package io.nubis.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether Keycloak has a user, and whether it is enabled: the one directory question asked while serving requests
 * (first login of a user, {@link DirectoryStatus}), so it must never wait for the server's own worker threads.
 * Keycloak's admin client (Quarkus REST client) fetches its token in a blocking filter that runs on a worker thread:
 * when every worker waited for such a call, none could finish and the server hung for good (as many first logins of new
 * users at once as there are workers, issue 7, {@code FirstLoginsOnAFullWorkerPoolTest}). This asks with the JDK's HTTP
 * client, whose threads are its own, as the same {@code nubis-admin} service account, with a token kept until shortly
 * before it expires, and a bound on every wait.
 */
@ApplicationScoped
class KeycloakUserLookup {

    /** Longest subject asked about (Keycloak's ids are UUIDs, federated ones {@code f:<provider>:<name>}). */
    private static final int MAX_SUBJECT = 255;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "quarkus.keycloak.admin-client.server-url")
    String server;
    @ConfigProperty(name = "quarkus.keycloak.admin-client.realm")
    String realm;
    @ConfigProperty(name = "quarkus.keycloak.admin-client.client-id")
    String clientId;
    @ConfigProperty(name = "quarkus.keycloak.admin-client.client-secret")
    String clientSecret;

    private record Token(String value, long until) {
    }

    private volatile Token token;

    /** False for a disabled or unknown user. */
    boolean enabled(String subject) {
        if (subject == null || subject.isEmpty() || subject.length() > MAX_SUBJECT
                || subject.chars().allMatch(c -> c == '.')) {
            // subjects come from tokens Keycloak signed; still, "." and ".." would not name a user but a parent path
            return false;
        }
        // one path segment whatever else the subject holds
        URI user = URI.create(base() + "/admin/realms/" + URLEncoder.encode(realm, StandardCharsets.UTF_8)
                + "/users/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpResponse<String> r = send(HttpRequest.newBuilder(user).header("Authorization", "Bearer " + token()).GET());
        if (r.statusCode() == 401) {
            // the token was revoked or the realm's keys changed: one more try with a fresh one
            token = null;
            r = send(HttpRequest.newBuilder(user).header("Authorization", "Bearer " + token()).GET());
        }
        if (r.statusCode() == 404 || r.statusCode() == 400) {
            // no such user; Keycloak answers 400 for an id it cannot even parse
            return false;
        }
        if (r.statusCode() != 200) {
            throw new DirectoryException("read user: HTTP " + r.statusCode(), null);
        }
        return read(r).path("enabled").asBoolean(false);
    }

    private String token() {
        Token t = token;
        long now = System.currentTimeMillis();
        if (t != null && t.until > now) {
            return t.value;
        }
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base() + "/realms/"
                + URLEncoder.encode(realm, StandardCharsets.UTF_8) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (r.statusCode() != 200) {
            throw new DirectoryException("service account token: HTTP " + r.statusCode(), null);
        }
        JsonNode body = read(r);
        String value = body.path("access_token").asText(null);
        if (value == null) {
            throw new DirectoryException("service account token: no access_token in the answer", null);
        }
        // kept until 30 s before it expires (at least 5 s)
        long seconds = Math.max(5, body.path("expires_in").asLong(60) - 30);
        token = new Token(value, now + seconds * 1000);
        return value;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DirectoryException("unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryException("interrupted while asking Keycloak", e);
        }
    }

    private JsonNode read(HttpResponse<String> r) {
        try {
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new DirectoryException("unreadable answer: " + e.getMessage(), e);
        }
    }

    private String base() {
        return server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    }
}
