package io.nubis.offering.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.offering.ScriptedDiskOfferingUsage;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DiskOfferingPagesTest {

    static PortalSession admin;

    @Inject
    ScriptedDiskOfferingUsage usage;

    @BeforeAll
    static void login() {
        admin = PortalSession.login(Tokens.ADMIN);
    }

    String idOf(String name) {
        return as(Tokens.ADMIN).queryParam("name", name).get("/v1/disk-offerings").then().extract()
                .path("items[0].id");
    }

    @Test
    void adminCreatesEditsDisablesAndDeletesADiskOfferingThroughForms() {
        String name = unique("doff");
        Response created = admin.submit("/admin/disk-offerings/new", "/admin/disk-offerings",
                Map.of("name", name, "description", "d", "sizeGib", "25"));
        assertEquals(303, created.statusCode(), created.asString());
        assertThat(admin.follow(created).asString(), containsString("Disk offering " + name + " was created."));
        String id = idOf(name);
        as(Tokens.ADMIN).get("/v1/disk-offerings/" + id).then().body("sizeGib", is(25));
        assertThat(admin.get("/admin/disk-offerings?name=" + name).asString(), containsString(name));

        Response bad = admin.submit("/admin/disk-offerings/" + id + "/edit", "/admin/disk-offerings/" + id,
                Map.of("name", name, "sizeGib", "lots"));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("must be a whole number"));
        assertThat(bad.asString(), containsString("value=\"lots\""));
        Response tooBig = admin.submit("/admin/disk-offerings/" + id + "/edit", "/admin/disk-offerings/" + id,
                Map.of("name", name, "sizeGib", "70000"));
        assertEquals(400, tooBig.statusCode());
        assertThat(tooBig.asString(), containsString("must be between 1 and 65536"));

        Response saved = admin.submit("/admin/disk-offerings/" + id + "/edit", "/admin/disk-offerings/" + id,
                Map.of("name", name, "sizeGib", "50"));
        assertEquals(303, saved.statusCode());
        as(Tokens.ADMIN).get("/v1/disk-offerings/" + id).then().body("sizeGib", is(50));

        assertEquals(303, admin.submit("/admin/disk-offerings", "/admin/disk-offerings/" + id + "/disable", Map.of())
                .statusCode());
        as(Tokens.ADMIN).get("/v1/disk-offerings/" + id).then().body("state", is("Disabled"));

        usage.set(id, 1);
        try {
            Response refused = admin.submit("/admin/disk-offerings/" + id + "/delete",
                    "/admin/disk-offerings/" + id + "/delete", Map.of());
            assertEquals(409, refused.statusCode());
            assertThat(refused.asString(), containsString("is used by 1 volume(s)"));
        } finally {
            usage.set(id, 0);
        }
        Response deleted = admin.submit("/admin/disk-offerings/" + id + "/delete",
                "/admin/disk-offerings/" + id + "/delete", Map.of());
        assertEquals(303, deleted.statusCode());
        as(Tokens.ADMIN).get("/v1/disk-offerings/" + id).then().statusCode(404);
    }

    @Test
    void tenantsCannotOpenTheAdminPages() {
        PortalSession alice = PortalSession.login(Tokens.ALICE);
        assertEquals(403, alice.get("/admin/disk-offerings").statusCode());
        assertEquals(403, alice.get("/admin/disk-offerings/new").statusCode());
    }
}
