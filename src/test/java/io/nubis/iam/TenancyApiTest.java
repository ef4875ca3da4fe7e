package io.nubis.iam;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isOneOf;

import io.nubis.testing.Api;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenancyApiTest {

    @Test
    void apiWithoutTokenIs401NeverARedirect() {
        given().redirects().follow(false).get("/v1/zones").then().statusCode(401);
        given().redirects().follow(false).auth().oauth2("not-a-token").get("/v1/hosts").then().statusCode(401);
    }

    @Test
    void tenantGets403OnInfrastructureAndNothingIsWritten() {
        String zone = Api.zone(unique("z"));
        as(Tokens.ALICE).get("/v1/zones").then().statusCode(403).body("code", is("error_admin_only"));
        as(Tokens.ALICE).get("/v1/zones/" + zone).then().statusCode(403);
        as(Tokens.ALICE).get("/v1/clusters").then().statusCode(403);
        as(Tokens.ALICE).get("/v1/hosts").then().statusCode(403);
        String name = unique("tenant-zone");
        as(Tokens.BOB).body(Map.of("name", name)).post("/v1/zones").then().statusCode(403);
        as(Tokens.BOB).delete("/v1/zones/" + zone).then().statusCode(403);
        as(Tokens.ADMIN).queryParam("name", name).get("/v1/zones").then().body("total", is(0));
        as(Tokens.ADMIN).get("/v1/zones/" + zone).then().statusCode(200);
        as(Tokens.ADMIN).queryParam("action", "zone.create").queryParam("result", "DENIED").queryParam("user", "bob")
                .get("/v1/audit-events").then().statusCode(200).body("items[0].accountName", is("globex"));
    }

    @Test
    void userWithoutAccountGroupIs403() {
        as(Tokens.NOMAD).get("/v1/audit-events").then().statusCode(403).body("code", is("error_no_account"));
    }

    @Test
    void tenantsSeeOnlyTheirOwnAccountsAuditEvents() {
        as(Tokens.BOB).body(Map.of("name", unique("x"))).post("/v1/zones").then().statusCode(403);
        as(Tokens.ALICE).get("/v1/audit-events").then().statusCode(200).body("items.accountName",
                everyItem(isOneOf("acme")));
        as(Tokens.BOB).get("/v1/audit-events").then().statusCode(200).body("items.accountName",
                everyItem(is("globex")));
    }
}
