package io.nubis.iam;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness (issue 13): Keycloak answers for the realm (its OpenID discovery document), so sign-ins and token checks
 * work. The answer is kept for 10 s, so frequent probes do not load Keycloak.
 */
@Readiness
@ApplicationScoped
public class KeycloakReadiness implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final long KEEP_NANOS = Duration.ofSeconds(10).toNanos();

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realmUrl;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile Probe last;

    private record Probe(long atNanos, boolean up, String detail) {
    }

    @Override
    public HealthCheckResponse call() {
        Probe p = last;
        if (p == null || System.nanoTime() - p.atNanos() > KEEP_NANOS) {
            p = probe();
            last = p;
        }
        return HealthCheckResponse.named("keycloak").withData("realm", realmUrl).withData("detail", p.detail())
                .status(p.up()).build();
    }

    private Probe probe() {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(realmUrl + "/.well-known/openid-configuration"))
                    .timeout(TIMEOUT).GET().build();
            int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Probe(System.nanoTime(), status == 200, "HTTP " + status);
        } catch (java.io.IOException e) {
            return new Probe(System.nanoTime(), false, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(System.nanoTime(), false, "interrupted");
        }
    }
}
