package io.nubis.iam.api;

import static io.restassured.RestAssured.given;

import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens on {@code /v1} must be access tokens issued for Nubis (issue 6, item 6): the id token of the same login
 * and the access token another client of the realm got for the same user are refused with 401.
 */
@QuarkusTest
class TokenAudienceTest {

    static JsonPath login(String client, String user) {
        return given().baseUri(Tokens.keycloakUrl()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("client_id", client).formParam("username", user)
                .formParam("password", user).formParam("scope", "openid")
                .post("/realms/nubis/protocol/openid-connect/token").then().statusCode(200).extract().jsonPath();
    }

    static int vms(String token) {
        return given().header("Authorization", "Bearer " + token).get("/v1/vm-instances").statusCode();
    }

    @Test
    void onlyAccessTokensForNubisOpenTheApi() {
        JsonPath nubis = login("nubis-cli", "alice");
        org.junit.jupiter.api.Assertions.assertEquals(200, vms(nubis.getString("access_token")));
        org.junit.jupiter.api.Assertions.assertEquals(401, vms(nubis.getString("id_token")), "an id token");
        JsonPath other = login("other-app", "alice");
        org.junit.jupiter.api.Assertions.assertEquals(401, vms(other.getString("access_token")),
                "another client's access token");
        org.junit.jupiter.api.Assertions.assertEquals(401, vms(other.getString("id_token")));
    }
}
