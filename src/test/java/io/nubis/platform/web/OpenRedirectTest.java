package io.nubis.platform.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.testing.PortalSession;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Open redirects (issue 6): neither the language switch's {@code next} nor the path a login returns to can send the
 * browser to another site.
 */
@QuarkusTest
class OpenRedirectTest {

    static final List<String> EVIL = List.of("//evil.example", "/%5C%5Cevil.example", "/%5Cevil.example",
            "/%09/evil.example", "/%2F%2Fevil.example", "https://evil.example",
            "///evil.example", "/a%20b");

    /** The Location stays on this server: a path (not {@code //} or {@code /\}), or an absolute URL of this host. */
    static void local(String location, String input) {
        assertTrue(location != null, "no Location for " + input);
        URI base = URI.create(PortalSession.baseUrl());
        boolean path = location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\")
                && location.chars().noneMatch(c -> c < 0x21 || c == '\\');
        boolean ours = location.startsWith(PortalSession.baseUrl() + "/")
                && !location.substring(PortalSession.baseUrl().length()).startsWith("//")
                && location.chars().noneMatch(c -> c < 0x21 || c == '\\');
        assertTrue(path || ours, input + " -> " + location + " (this server: " + base + ")");
    }

    @Test
    void theLanguageSwitchReturnsOnlyToLocalPaths() {
        PortalSession anonymous = PortalSession.anonymous();
        for (String next : EVIL) {
            var r = anonymous.get("/lang/en?next=" + next);
            assertTrue(r.statusCode() == 303, next + ": " + r.statusCode());
            local(r.header("Location"), next);
        }
        local(anonymous.get("/lang/en?next=/portal/vms?page=2").header("Location"), "a local path");
    }

    @Test
    void aLoginReturnsOnlyToThisServer() {
        int logins = 0;
        for (String start : EVIL.stream().filter(e -> e.startsWith("/")).toList()) {
            var first = PortalSession.anonymous().get(start);
            if (first.statusCode() != 302) {
                // no page there: nothing to return to, and no redirect at all
                assertTrue(first.statusCode() == 404 || first.statusCode() == 400, start + ": " + first.statusCode());
                continue;
            }
            PortalSession s = PortalSession.login("alice", "alice", start);
            logins++;
            if (s.lastLoginRedirect() != null) {
                local(s.lastLoginRedirect(), start);
            }
        }
        // and a real page behind the login comes back to itself
        PortalSession s = PortalSession.login("alice", "alice", "/portal/vms?page=1");
        local(s.lastLoginRedirect(), "/portal/vms?page=1");
        assertTrue(s.lastLoginRedirect().contains("/portal/vms"), s.lastLoginRedirect());
    }
}
