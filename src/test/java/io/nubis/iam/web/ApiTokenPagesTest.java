package io.nubis.iam.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 9: a user creates an API token in the portal, sees it once, uses it, and revokes it. */
@QuarkusTest
class ApiTokenPagesTest {

    @Test
    void aTokenIsShownOnceAndRevokedFromThePortal() {
        PortalSession alice = PortalSession.login(Tokens.ALICE);
        Response bad = alice.submit("/portal/api-tokens", "/portal/api-tokens", Map.of("name", "x", "days", "999"));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("id=\"e-days\""));

        Response created = alice.submit("/portal/api-tokens", "/portal/api-tokens", Map.of("name", "portal-ci",
                "days", "30"));
        assertEquals(200, created.statusCode());
        Matcher m = Pattern.compile("id=\"new-token-value\">(nbt_[A-Za-z0-9_-]+)<").matcher(created.asString());
        assertEquals(true, m.find(), "the new token is on the answer page");
        String token = m.group(1);
        String list = alice.get("/portal/api-tokens").asString();
        assertThat(list, containsString("data-token=\"portal-ci\""));
        assertThat(list, not(containsString(token)));
        given().header("Authorization", "Bearer " + token).get("/v1/accounts").then().statusCode(200);

        Matcher id = Pattern.compile("action=\"/portal/api-tokens/([0-9a-f-]{36})/delete\"").matcher(list);
        String tokenId = null;
        while (id.find()) {
            tokenId = id.group(1); // the newest is listed last
        }
        assertEquals(303, alice.post("/portal/api-tokens/" + tokenId + "/delete", PortalSession.csrfToken(list),
                Map.of()).statusCode());
        given().header("Authorization", "Bearer " + token).get("/v1/accounts").then().statusCode(401);
    }
}
