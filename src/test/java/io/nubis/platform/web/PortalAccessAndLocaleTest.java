package io.nubis.platform.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.compute.ZoneInput;
import io.nubis.compute.ZoneService;
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
class PortalAccessAndLocaleTest {

    static PortalSession admin;
    static PortalSession alice;

    @Inject
    ZoneService zones;

    @BeforeAll
    static void login() {
        admin = PortalSession.login(Tokens.ADMIN);
        alice = PortalSession.login(Tokens.ALICE);
    }

    @Test
    void homeSendsAdminsToTheDashboardAndTenantsToTheirPortal() {
        assertThat(admin.get("/").header("Location"), endsWith("/admin"));
        assertThat(alice.get("/").header("Location"), endsWith("/portal"));

        Response dashboard = admin.get("/admin");
        assertEquals(200, dashboard.statusCode());
        assertThat(dashboard.asString(), containsString("id=\"dashboard-stats\""));
        assertThat(dashboard.asString(), containsString("href=\"/admin/audit\""));

        Response portal = alice.get("/portal");
        assertEquals(200, portal.statusCode());
        assertThat(portal.asString(), containsString("Welcome, alice"));
        assertThat(portal.asString(), containsString("id=\"account-name\">acme<"));
        assertThat(portal.asString(), not(containsString("href=\"/admin/zones\"")));
    }

    @Test
    void tenantGets403OnEveryAdminPage() {
        String zoneId = zones.create(Caller.system(), new ZoneInput("z-" + UUID.randomUUID().toString().substring(0, 8),
                null)).id();
        for (String path : List.of("/admin", "/admin/zones", "/admin/zones/new", "/admin/zones/" + zoneId,
                "/admin/zones/" + zoneId + "/delete", "/admin/clusters", "/admin/clusters/new", "/admin/hosts",
                "/admin/hosts/new", "/admin/audit")) {
            Response r = alice.get(path);
            assertEquals(403, r.statusCode(), path);
            assertThat(path, r.asString(), containsString("Only cloud administrators may do this."));
            assertThat(path, r.asString(), containsString("Access denied"));
        }
        // a form post is refused too, and writes nothing
        alice.get("/portal");
        Response post = alice.post("/admin/zones", alice.cookie("csrf-token"), Map.of("name", "by-alice"));
        assertEquals(403, post.statusCode());
        assertEquals(0, zones.list(Caller.system(), "by-alice", new PageRequest(1, 5)).total());
    }

    @Test
    void userWithoutAccountGetsAFriendly403() {
        PortalSession nomad = PortalSession.login(Tokens.NOMAD);
        Response r = nomad.get("/");
        assertEquals(403, r.statusCode());
        assertThat(r.asString(), containsString("Your user belongs to no Nubis account."));
        assertThat(r.asString(), containsString("href=\"/logout\""));
    }

    @Test
    void tenantSeesOwnJobsOnlyAndAnotherAccountsJobIs404() {
        Response jobs = alice.get("/jobs");
        assertEquals(200, jobs.statusCode());
        Response other = alice.get("/jobs/" + UUID.randomUUID());
        assertEquals(404, other.statusCode());
        assertThat(other.asString(), containsString("was not found"));
        assertEquals(404, alice.get("/jobs/" + UUID.randomUUID() + "/progress").statusCode());
    }

    @Test
    void chineseFromAcceptLanguageOrTheLanguageCookie() {
        PortalSession zh = PortalSession.login(Tokens.ADMIN).acceptLanguage("zh-CN,zh;q=0.9,en;q=0.5");
        String html = zh.get("/admin/zones").asString();
        assertThat(html, containsString("<html lang=\"zh-CN\">"));
        assertThat(html, containsString(">区域<"));
        assertThat(html, containsString("新建区域"));

        Response form = zh.submit("/admin/zones/new", "/admin/zones", Map.of("name", ""));
        assertEquals(400, form.statusCode());
        assertThat(form.asString(), containsString("id=\"e-name\">不能为空<"));

        Response missing = zh.get("/admin/zones/" + UUID.randomUUID());
        assertEquals(404, missing.statusCode());
        assertThat(missing.asString(), containsString("未找到 区域"));

        // the switcher's cookie beats the browser's language
        Response switched = zh.get("/lang/en?next=/admin/zones");
        assertEquals(303, switched.statusCode());
        assertThat(switched.header("Location"), endsWith("/admin/zones"));
        assertEquals("en", zh.cookie("lang"));
        assertThat(zh.get("/admin/zones").asString(), containsString("New zone"));
        zh.get("/lang/zh-CN?next=/admin");
        assertThat(zh.acceptLanguage("en").get("/admin").asString(), containsString("概览"));
    }

    @Test
    void languageSwitchOnlyRedirectsWithinThisServer() {
        for (String next : List.of("https://evil.example/", "//evil.example/x", "/\\evil.example")) {
            Response r = RestAssured.given().redirects().follow(false).queryParam("next", next)
                    .get(PortalSession.baseUrl() + "/lang/en");
            assertEquals(303, r.statusCode());
            assertEquals(PortalSession.baseUrl() + "/", r.header("Location"), next);
        }
    }

    @Test
    void assetsAreServedFromWebjarsWithoutLogin() {
        for (String path : List.of("/webjars/bootstrap/5.3.3/dist/css/bootstrap.min.css",
                "/webjars/bootstrap/5.3.3/dist/js/bootstrap.bundle.min.js",
                "/webjars/bootstrap-icons/1.11.3/font/bootstrap-icons.min.css",
                "/webjars/bootstrap-icons/1.11.3/font/fonts/bootstrap-icons.woff2",
                "/webjars/htmx.org/2.0.7/dist/htmx.min.js", "/nubis.css")) {
            assertEquals(200, RestAssured.given().redirects().follow(false).get(PortalSession.baseUrl() + path)
                    .statusCode(), path);
        }
    }

    /** Issue 13: Keycloak's login page opens in the portal's language (the switch's cookie, else the browser's). */
    @Test
    void theLoginPageOpensInThePortalsLanguage() {
        Response zh = RestAssured.given().redirects().follow(false).cookie("lang", "zh-CN")
                .get(PortalSession.baseUrl() + "/admin");
        assertEquals(302, zh.statusCode());
        assertThat(zh.header("Location"), containsString("ui_locales=zh-CN"));
        Response byBrowser = RestAssured.given().redirects().follow(false).header("Accept-Language", "zh-CN,zh;q=0.9")
                .get(PortalSession.baseUrl() + "/portal");
        assertThat(byBrowser.header("Location"), containsString("ui_locales=zh-CN"));
        Response en = RestAssured.given().redirects().follow(false).header("Accept-Language", "de-DE")
                .get(PortalSession.baseUrl() + "/portal");
        assertThat(en.header("Location"), containsString("ui_locales=en"));
        // Keycloak shows that page in Chinese
        String page = RestAssured.given().urlEncodingEnabled(false).redirects().follow(true).get(zh.header("Location"))
                .asString();
        assertThat(page, containsString("lang=\"zh-CN\""));
        assertThat(page, containsString("登录"));
    }

    @Test
    void logoutEndsTheSessionAtKeycloak() {
        PortalSession s = PortalSession.login(Tokens.BOB);
        assertEquals(200, s.get("/portal").statusCode());
        Response out = s.get("/logout");
        assertEquals(302, out.statusCode());
        assertThat(out.header("Location"),
                org.hamcrest.Matchers.startsWith("http://127.0.0.1:8180/realms/nubis/protocol/openid-connect/logout"));
        assertEquals(302, s.get("/portal").statusCode(), "signed out: back to the login");
    }

    @Test
    void unknownPathIsAFriendly404WithoutInternals() {
        Response r = admin.get("/admin/no-such-page");
        assertEquals(404, r.statusCode());
        assertThat(r.asString(), containsString("There is nothing at this address."));
        assertThat(r.asString(), not(containsString("at io.")));
    }
}
