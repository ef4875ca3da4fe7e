package io.nubis.platform.api;

import static io.nubis.testing.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, item 4 (and the architecture's "Errors" rule): an unexpected error answers a 500 with a reference id only,
 * in the API and in the portal. No SQL, table, class name, address, path, command or stack frame reaches the client,
 * whoever asks (a tenant or an admin).
 */
@QuarkusTest
class UnexpectedErrorsTest {

    static final List<String> LEAKS = List.of(FailingTestResource.TABLE, "SELECT", "192.0.2.91", "/etc/nubis",
            "secret.key", "cat ", "Exception", "SQL", "java.", "io.nubis", "hibernate", "mariadb", "at ");

    @Test
    void aDatabaseErrorInTheApiIsAProblemWithAReferenceOnly() {
        for (String user : List.of(Tokens.ALICE, Tokens.ADMIN)) {
            Response r = as(user).get("/v1/test-only/failures/sql");
            assertProblem(r);
        }
    }

    @Test
    void anUnexpectedExceptionInTheApiIsAProblemWithAReferenceOnly() {
        for (String user : List.of(Tokens.ALICE, Tokens.ADMIN)) {
            assertProblem(as(user).get("/v1/test-only/failures/unexpected"));
        }
    }

    @Test
    void theSameErrorsInThePortalAreAFriendlyPageWithTheReference() {
        PortalSession admin = PortalSession.login(Tokens.ADMIN);
        for (String kind : List.of("sql", "unexpected")) {
            Response r = admin.get("/admin/test-only/failures/" + kind);
            assertEquals(500, r.statusCode(), kind);
            String html = r.asString();
            assertThat(html, containsString("reference "));
            for (String leak : List.of(FailingTestResource.TABLE, "SELECT", "192.0.2.91", "/etc/nubis",
                    "IllegalStateException", "SQLSyntaxError", "PersistenceException", "at io.nubis")) {
                assertThat(kind, html, not(containsString(leak)));
            }
        }
    }

    private static void assertProblem(Response r) {
        assertEquals(500, r.statusCode(), r.asString());
        assertThat(r.contentType(), containsString("application/problem+json"));
        assertEquals("error_internal", r.path("code"));
        String detail = r.path("detail");
        assertThat(detail, matchesPattern("Something went wrong on our side \\(reference [0-9a-f]{8}\\)\\. The error"
                + " has been logged\\."));
        String body = r.asString();
        for (String leak : LEAKS) {
            assertThat(body, not(containsString(leak)));
        }
    }
}
