package io.nubis.offering.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.offering.ScriptedOfferingUsage;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OfferingPagesTest {

    static PortalSession admin;

    @Inject
    ScriptedOfferingUsage usage;

    @BeforeAll
    static void login() {
        admin = PortalSession.login(Tokens.ADMIN);
    }

    String idOf(String name) {
        return as(Tokens.ADMIN).queryParam("name", name).get("/v1/instance-offerings").then().extract()
                .path("items[0].id");
    }

    @Test
    void adminCreatesEditsDisablesAndDeletesAnOfferingThroughForms() {
        String name = unique("off");
        Response created = admin.submit("/admin/offerings/new", "/admin/offerings", Map.of("name", name,
                "description", "d", "cpus", "2", "memoryMib", "2048", "allocatorStrategy", "FirstFit"));
        assertEquals(303, created.statusCode(), created.asString());
        assertThat(admin.follow(created).asString(), containsString("Offering " + name + " was created."));
        String id = idOf(name);
        as(Tokens.ADMIN).get("/v1/instance-offerings/" + id).then().body("allocatorStrategy", is("FirstFit"))
                .body("memoryMib", is(2048));

        Response bad = admin.submit("/admin/offerings/" + id + "/edit", "/admin/offerings/" + id,
                Map.of("name", name, "cpus", "two", "memoryMib", "2048", "allocatorStrategy", "FirstFit"));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("must be a whole number"));
        assertThat(bad.asString(), containsString("value=\"two\""));
        Response tooBig = admin.submit("/admin/offerings/" + id + "/edit", "/admin/offerings/" + id,
                Map.of("name", name, "cpus", "129", "memoryMib", "32", "allocatorStrategy", "FirstFit"));
        assertEquals(400, tooBig.statusCode());
        assertThat(tooBig.asString(), containsString("must be between 1 and 128"));
        assertThat(tooBig.asString(), containsString("must be between 64 and 1048576"));

        Response saved = admin.submit("/admin/offerings/" + id + "/edit", "/admin/offerings/" + id,
                Map.of("name", name, "cpus", "4", "memoryMib", "4096", "allocatorStrategy", "LeastUsed"));
        assertEquals(303, saved.statusCode());
        as(Tokens.ADMIN).get("/v1/instance-offerings/" + id).then().body("cpus", is(4));

        assertEquals(303, admin.submit("/admin/offerings", "/admin/offerings/" + id + "/disable", Map.of())
                .statusCode());
        as(Tokens.ADMIN).get("/v1/instance-offerings/" + id).then().body("state", is("Disabled"));

        usage.set(id, 1);
        try {
            Response refused = admin.submit("/admin/offerings/" + id + "/delete",
                    "/admin/offerings/" + id + "/delete", Map.of());
            assertEquals(409, refused.statusCode());
            assertThat(refused.asString(), containsString("is used by 1 VM(s)"));
        } finally {
            usage.set(id, 0);
        }
        Response deleted = admin.submit("/admin/offerings/" + id + "/delete", "/admin/offerings/" + id + "/delete",
                Map.of());
        assertEquals(303, deleted.statusCode());
        as(Tokens.ADMIN).get("/v1/instance-offerings/" + id).then().statusCode(404);
    }
}
