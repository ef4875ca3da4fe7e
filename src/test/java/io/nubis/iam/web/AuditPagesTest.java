package io.nubis.iam.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditPagesTest {

    @Test
    void adminFiltersTheTrailByActionUserAndResult() {
        PortalSession admin = PortalSession.login(Tokens.ADMIN);
        PortalSession alice = PortalSession.login(Tokens.ALICE);
        String name = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(303, admin.submit("/admin/zones/new", "/admin/zones", Map.of("name", name)).statusCode());
        alice.get("/portal");
        assertEquals(403, alice.post("/admin/zones", alice.cookie("csrf-token"), Map.of("name", name + "-x"))
                .statusCode());

        Response created = admin.get("/admin/audit?action=zone.cr&user=admin");
        assertEquals(200, created.statusCode());
        assertThat(created.asString(), containsString("zone: " + name));
        assertThat(admin.get("/admin/audit?action=cluster.").asString(), not(containsString("zone: " + name)));

        String denied = admin.get("/admin/audit?user=alice&result=DENIED").asString();
        assertThat(denied, containsString("<code>zone.create</code>"));
        assertThat(denied, containsString("Denied"));
        assertThat(denied, containsString("<option value=\"DENIED\" selected>"));
        assertThat(admin.get("/admin/audit?user=alice&result=SUCCESS").asString(),
                not(containsString("<code>zone.create</code>")));

        assertEquals(403, alice.get("/admin/audit").statusCode());
    }
}
