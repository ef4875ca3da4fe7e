package io.nubis.iam.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.testing.IamUsers;
import io.nubis.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;

/**
 * More users Nubis has never seen than the server has worker threads, all sending their first request at once: each
 * first login asks Keycloak whether the user exists. Keycloak's admin client used to finish its calls on a worker
 * thread, so a server whose workers all waited for such a call hung for good (found with 24 workers and 100 first
 * requests, issue 7). Here the pool has 4 workers and 12 new users ask at once: every request is answered.
 */
@QuarkusTest
@TestProfile(FirstLoginsOnAFullWorkerPoolTest.FourWorkers.class)
class FirstLoginsOnAFullWorkerPoolTest {

    public static class FourWorkers implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.thread-pool.max-threads", "4", "quarkus.thread-pool.core-threads", "1");
        }
    }

    static final int USERS = 12;
    static final String PASSWORD = "Crowd-pass-1";

    @Inject
    Keycloak keycloak;
    @ConfigProperty(name = "nubis.keycloak.realm")
    String realm;
    @TestHTTPResource("/v1/vm-instances")
    URI vms;

    final List<String> created = new ArrayList<>();

    @AfterEach
    void removeUsers() {
        for (String id : created) {
            keycloak.realm(realm).users().delete(id).close();
        }
    }

    @Test
    void everyFirstRequestIsAnsweredWhenTheyOutnumberTheWorkers() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String name = "crowd-" + tag + "-" + i;
            created.add(IamUsers.createInKeycloak(keycloak, realm, name, PASSWORD, true, "/accounts/acme"));
            tokens.add(Tokens.fresh(name, PASSWORD));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(USERS);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String token : tokens) {
                Callable<Integer> first = () -> http.send(HttpRequest
                        .newBuilder(vms)
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(40)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                answers.add(pool.submit(first));
            }
            for (Future<Integer> a : answers) {
                assertEquals(200, a.get(), "a first request of a new user is answered");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
