package io.nubis.compute.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.compute.ZoneService;
import io.nubis.compute.ZoneView;
import io.nubis.iam.Caller;
import io.nubis.platform.PageRequest;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ZonePagesTest {

    static PortalSession admin;

    @Inject
    ZoneService zones;

    @BeforeAll
    static void login() {
        admin = PortalSession.login(Tokens.ADMIN);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    List<ZoneView> zonesNamed(String name) {
        return zones.list(Caller.system(), name, new PageRequest(1, 50)).items();
    }

    String zoneId(String name) {
        return zonesNamed(name).stream().filter(z -> z.name().equals(name)).findFirst().orElseThrow().id();
    }

    @Test
    void anonymousPageRequestRedirectsToKeycloakLogin() {
        Response r = RestAssured.given().redirects().follow(false).get(PortalSession.baseUrl() + "/admin");
        assertEquals(302, r.statusCode());
        assertThat(r.header("Location"),
                startsWith("http://127.0.0.1:8180/realms/nubis/protocol/openid-connect/auth"));
    }

    @Test
    void adminCreatesEditsAndDeletesZoneThroughForms() {
        String name = unique("zone");
        Response created = admin.submit("/admin/zones/new", "/admin/zones",
                Map.of("name", name, "description", "first"));
        assertEquals(303, created.statusCode(), created.asString());
        String id = zoneId(name);
        assertThat(created.header("Location"), containsString("/admin/zones/" + id));

        Response detail = admin.follow(created);
        assertEquals(200, detail.statusCode());
        assertThat(detail.asString(), containsString("Zone " + name + " was created."));
        // the flash message shows once
        assertThat(admin.get("/admin/zones/" + id).asString(), not(containsString("was created.")));
        assertThat(admin.get("/admin/zones?name=" + name).asString(), containsString(name));

        String renamed = unique("renamed");
        Response updated = admin.submit("/admin/zones/" + id + "/edit", "/admin/zones/" + id,
                Map.of("name", renamed, "description", "second"));
        assertEquals(303, updated.statusCode(), updated.asString());
        assertEquals(renamed, zones.get(Caller.system(), id).name());
        assertEquals("second", zones.get(Caller.system(), id).description());

        Response disabled = admin.submit("/admin/zones/" + id, "/admin/zones/" + id + "/disable", Map.of());
        assertEquals(303, disabled.statusCode());
        assertEquals("Disabled", zones.get(Caller.system(), id).state().name());

        Response confirm = admin.get("/admin/zones/" + id + "/delete");
        assertEquals(200, confirm.statusCode());
        assertThat(confirm.asString(), not(containsString("name=\"cascade\"")));
        Response deleted = admin.submit("/admin/zones/" + id + "/delete", "/admin/zones/" + id + "/delete",
                Map.of());
        assertEquals(303, deleted.statusCode(), deleted.asString());
        assertTrue(zonesNamed(renamed).isEmpty());
        assertThat(admin.follow(deleted).asString(), containsString("Zone " + renamed + " was deleted."));
    }

    @Test
    void blankNameReRendersFormWithFieldErrorAndWritesNothing() {
        long before = zones.list(Caller.system(), null, new PageRequest(1, 1)).total();
        Response r = admin.submit("/admin/zones/new", "/admin/zones", Map.of("name", " ", "description", "kept"));
        assertEquals(400, r.statusCode());
        String html = r.asString();
        assertThat(html, containsString("is-invalid"));
        assertThat(html, containsString("<div class=\"invalid-feedback\" id=\"e-name\">must not be blank</div>"));
        assertThat(html, containsString(">kept</textarea>"));
        assertEquals(before, zones.list(Caller.system(), null, new PageRequest(1, 1)).total());
    }

    @Test
    void badNameIsShownBackWithItsMessage() {
        Response r = admin.submit("/admin/zones/new", "/admin/zones", Map.of("name", "-bad name"));
        assertEquals(400, r.statusCode());
        assertThat(r.asString(), containsString("value=\"-bad name\""));
        assertThat(r.asString(), containsString("must be 1-64 letters, digits"));
        assertTrue(zonesNamed("-bad name").isEmpty());
    }

    @Test
    void duplicateNameIsRefusedOnCreateAndEdit() {
        String name = unique("dup");
        assertEquals(303, admin.submit("/admin/zones/new", "/admin/zones", Map.of("name", name)).statusCode());
        Response r = admin.submit("/admin/zones/new", "/admin/zones", Map.of("name", name));
        assertEquals(400, r.statusCode());
        assertThat(r.asString(), containsString("the name " + name + " is already used"));
        assertEquals(1, zonesNamed(name).size());

        String other = unique("other");
        assertEquals(303, admin.submit("/admin/zones/new", "/admin/zones", Map.of("name", other)).statusCode());
        String otherId = zoneId(other);
        Response edit = admin.submit("/admin/zones/" + otherId + "/edit", "/admin/zones/" + otherId,
                Map.of("name", name));
        assertEquals(400, edit.statusCode());
        assertThat(edit.asString(), containsString("the name " + name + " is already used"));
        assertEquals(other, zones.get(Caller.system(), otherId).name());
    }

    @Test
    void postWithoutCsrfTokenIsRejected() {
        String name = unique("nocsrf");
        Response r = admin.post("/admin/zones", null, Map.of("name", name));
        assertEquals(400, r.statusCode());
        assertThat(r.asString(), containsString("reload the page"));
        Response wrong = admin.post("/admin/zones", "not-the-token", Map.of("name", name));
        assertEquals(400, wrong.statusCode());
        assertTrue(zonesNamed(name).isEmpty());
    }

    @Test
    void unknownZoneIsAFriendly404() {
        Response r = admin.get("/admin/zones/" + UUID.randomUUID());
        assertEquals(404, r.statusCode());
        assertThat(r.asString(), containsString("was not found"));
        assertThat(r.asString(), containsString("href=\"/\""));
        assertThat(r.asString(), not(containsString("Exception")));
    }

    @Test
    void zoneListPagesThroughFilteredResults() {
        String prefix = unique("pg");
        for (int i = 1; i <= 3; i++) {
            assertEquals(303, admin.submit("/admin/zones/new", "/admin/zones", Map.of("name", prefix + "-" + i))
                    .statusCode());
        }
        String first = admin.get("/admin/zones?name=" + prefix + "&size=2").asString();
        assertThat(first, containsString("1-2 of 3"));
        assertThat(first, containsString(prefix + "-1"));
        assertThat(first, not(containsString(prefix + "-3<")));
        assertThat(first, containsString("href=\"/admin/zones?name=" + prefix + "&amp;page=2&size=2\""));
        String second = admin.get("/admin/zones?name=" + prefix + "&page=2&size=2").asString();
        assertThat(second, containsString("3-3 of 3"));
        assertThat(second, containsString(prefix + "-3"));
    }
}
