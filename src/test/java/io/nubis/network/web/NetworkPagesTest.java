package io.nubis.network.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.network.NetworkFixtures;
import io.nubis.testing.Api;
import io.nubis.testing.Jobs;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Admin pages of L2 and L3 networks, through real logins and forms. */
@QuarkusTest
class NetworkPagesTest {

    static PortalSession admin;

    @BeforeAll
    static void login() {
        admin = PortalSession.login(Tokens.ADMIN);
    }

    static String idFromLocation(Response r, String prefix) {
        String loc = r.header("Location");
        return loc.substring(loc.indexOf(prefix) + prefix.length());
    }

    @Test
    void adminCreatesAnL2NetworkAttachesItAndAddsAnL3NetworkWithARange() {
        String zone = Api.zone(unique("z"));
        String cluster = Api.cluster(zone, unique("c"));
        String name = unique("l2");
        Response created = admin.submit("/admin/l2-networks/new", "/admin/l2-networks",
                Map.of("zoneId", zone, "name", name, "type", "NoVlan", "physicalInterface", "", "bridgeName", ""));
        assertEquals(303, created.statusCode(), created.asString());
        String l2 = idFromLocation(created, "/admin/l2-networks/");
        String detail = admin.follow(created).asString();
        assertThat(detail, containsString("L2 network " + name + " was created."));
        assertThat(detail, containsString("nbr" + l2.replace("-", "").substring(0, 12)));
        assertThat(detail, containsString("id=\"attach-form\""));

        Response attached = admin.submit("/admin/l2-networks/" + l2, "/admin/l2-networks/" + l2 + "/attach",
                Map.of("clusterId", cluster));
        assertEquals(303, attached.statusCode(), attached.asString());
        assertThat(attached.header("Location"), containsString("/jobs/"));
        JsonPath job = Jobs.awaitFinal(idFromLocation(attached, "/jobs/"));
        assertEquals("Succeeded", job.getString("state"));
        assertThat(admin.get("/admin/l2-networks/" + l2).asString(), containsString("Attached"));

        String l3Name = unique("l3");
        Response l3Created = admin.submit("/admin/l3-networks/new?l2Id=" + l2, "/admin/l3-networks",
                Map.of("l2Id", l2, "name", l3Name, "cidr", "10.95.0.0/24", "gateway", "10.95.0.1", "dnsServers",
                        "10.95.0.1", "shared", "true"));
        assertEquals(303, l3Created.statusCode(), l3Created.asString());
        String l3 = idFromLocation(l3Created, "/admin/l3-networks/");
        as(Tokens.ADMIN).get("/v1/l3-networks/" + l3).then().statusCode(200);

        Response bad = admin.submit("/admin/l3-networks/" + l3, "/admin/l3-networks/" + l3 + "/ranges",
                Map.of("startIp", "10.95.0.1", "endIp", "10.95.0.9"));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("the range contains the gateway 10.95.0.1"));
        assertThat(bad.asString(), containsString("value=\"10.95.0.9\""));
        Response range = admin.submit("/admin/l3-networks/" + l3, "/admin/l3-networks/" + l3 + "/ranges",
                Map.of("startIp", "10.95.0.10", "endIp", "10.95.0.19"));
        assertEquals(303, range.statusCode());
        String page = admin.follow(range).asString();
        assertThat(page, containsString("Range 10.95.0.10 - 10.95.0.19 was added."));
        assertThat(page, containsString("0 of 10 (0%)"));

        Response refused = admin.submit("/admin/l2-networks/" + l2 + "/delete", "/admin/l2-networks/" + l2 + "/delete",
                Map.of());
        assertEquals(409, refused.statusCode());
        assertThat(refused.asString(), containsString("still carries 1 L3 network(s)"));
        assertThat(admin.get("/admin/l3-networks?l2Id=" + l2).asString(), containsString(l3Name));
    }

    @Test
    void invalidL2FormIsShownBackWithItsErrorsAndVlanIsExplained() {
        String zone = Api.zone(unique("z"));
        Response r = admin.submit("/admin/l2-networks/new", "/admin/l2-networks",
                Map.of("zoneId", zone, "name", unique("v"), "type", "Vlan", "physicalInterface", "eth0;x"));
        assertEquals(400, r.statusCode());
        assertThat(r.asString(), containsString("must not be blank"));
        assertThat(r.asString(), containsString("must be a Linux interface name"));
        assertThat(r.asString(), containsString("value=\"eth0;x\""));
        Response n = admin.submit("/admin/l2-networks/new", "/admin/l2-networks",
                Map.of("zoneId", zone, "name", unique("v"), "type", "Vlan", "physicalInterface", "eth1", "vlanId",
                        "x1"));
        assertEquals(400, n.statusCode());
        assertThat(n.asString(), containsString("value=\"x1\""));
        assertThat(n.asString(), containsString("whole number"));
        as(Tokens.ADMIN).queryParam("zoneId", zone).get("/v1/l2-networks").then()
                .body("total", org.hamcrest.Matchers.is(0));
    }

    @Test
    void pagesRenderInChinese() {
        String zone = Api.zone(unique("z"));
        String l2 = NetworkFixtures.l2(zone, unique("l2"));
        PortalSession zh = PortalSession.login(Tokens.ADMIN).acceptLanguage("zh-CN");
        String html = zh.get("/admin/l2-networks/" + l2).asString();
        assertThat(html, containsString("已挂载的集群"));
        assertThat(zh.get("/admin/offerings").asString(), containsString("计算规格"));
    }

    @Test
    void tenantsGetTheForbiddenPage() {
        PortalSession alice = PortalSession.login(Tokens.ALICE);
        for (String path : new String[]{"/admin/l2-networks", "/admin/l3-networks", "/admin/offerings",
                "/admin/offerings/new"}) {
            Response r = alice.get(path);
            assertEquals(403, r.statusCode(), path);
            assertThat(r.asString(), not(containsString("Exception")));
        }
    }
}
