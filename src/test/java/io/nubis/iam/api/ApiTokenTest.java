package io.nubis.iam.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 9: personal API tokens act as their user; revoked, unknown, or a disabled user's tokens are refused. */
@QuarkusTest
class ApiTokenTest {

    static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .accept(ContentType.JSON).redirects().follow(false);
    }

    @Test
    void aTokenActsAsItsUserUntilRevoked() {
        String token = as(Tokens.ALICE).body(Map.of("name", "ci", "expiresInDays", 7)).post("/v1/api-tokens").then()
                .statusCode(201).body("token", startsWith("nbt_")).extract().path("token");
        String id = as(Tokens.ALICE).get("/v1/api-tokens").then().statusCode(200).body("name", hasItem("ci"))
                .body("token", not(hasItem(token))).extract().path("find { it.name == 'ci' }.id");
        bearer(token).get("/v1/accounts").then().statusCode(200).body("[0].name", is("acme"));
        bearer(token).get("/v1/zones").then().statusCode(403); // alice's rights, not more
        assertNotEquals(200, bearer(token).get("/portal/vms").statusCode(), "tokens are for the API only");
        as(Tokens.BOB).delete("/v1/api-tokens/" + id).then().statusCode(404); // not bob's
        bearer(token).delete("/v1/api-tokens/" + id).then().statusCode(204);
        bearer(token).get("/v1/accounts").then().statusCode(401);
        bearer("nbt_" + "A".repeat(43)).get("/v1/accounts").then().statusCode(401);
        as(Tokens.ALICE).body(Map.of("name", "x", "expiresInDays", 0)).post("/v1/api-tokens").then()
                .statusCode(400).body("errors[0].field", is("expiresInDays"));
    }

    @Test
    void aDisabledUsersTokenIsRefusedAtOnce() {
        String name = unique("tok");
        String accountId = as(Tokens.ADMIN).body(Map.of("name", name)).post("/v1/accounts").then().statusCode(201)
                .extract().path("id");
        String userId = as(Tokens.ADMIN).body(io.nubis.testing.IamUsers.person(name + "-u", "role", "OWNER"))
                .post("/v1/accounts/" + accountId + "/users").then().statusCode(201).extract().path("id");
        String jwt = Tokens.fresh(name + "-u", io.nubis.testing.IamUsers.PASSWORD);
        String token = given().auth().oauth2(jwt).contentType(ContentType.JSON).body(Map.of("name", "script"))
                .post("/v1/api-tokens").then().statusCode(201).extract().path("token");
        bearer(token).get("/v1/accounts").then().statusCode(200);
        as(Tokens.ADMIN).post("/v1/users/" + userId + "/disable").then().statusCode(200);
        bearer(token).get("/v1/accounts").then().statusCode(403).body("code", is("error_user_disabled"));
        as(Tokens.ADMIN).post("/v1/users/" + userId + "/enable").then().statusCode(200);
        bearer(token).get("/v1/accounts").then().statusCode(200);
        as(Tokens.ADMIN).delete("/v1/users/" + userId).then().statusCode(204);
        bearer(token).get("/v1/accounts").then().statusCode(401);
    }
}
